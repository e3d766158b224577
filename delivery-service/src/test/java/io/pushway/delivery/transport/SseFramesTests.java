package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageWriter;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;

/** The stream's own SSE encoding writes exactly the bytes Spring's SSE writer wrote before it. */
class SseFramesTests {

    @Test
    void eachKindOfEventTheStreamSendsIsEncodedAsSpringEncodesIt() {
        List<ServerSentEvent<String>> events = List.of(
                ServerSentEvent.<String>builder().id("1732000000000-0").event("message")
                        .data("{\"id\":\"0193\",\"payload\":{\"text\":\"héllo ✓ 😀\"}}").build(),
                ServerSentEvent.<String>builder().id("i:1-0,t:2-0").comment("subscribed").build(),
                ServerSentEvent.<String>builder().comment("hb").build(),
                ServerSentEvent.<String>builder().id("5-0").event("gap").data("{\"inbox\":true}").build(),
                ServerSentEvent.<String>builder().event("reconnect").retry(Duration.ofSeconds(3))
                        .data("{\"reason\":\"shutdown\"}").build());
        for (ServerSentEvent<String> event : events) {
            assertThat(ours(event)).as(event.toString()).isEqualTo(springs(event));
        }
        assertThat(ours(events.get(2))).isEqualTo(":hb\n\n");
    }

    @Test
    void lineBreaksAndAnyCharactersInDataAndCommentsAreEncodedAsSpringEncodesThem() {
        Random random = new Random(21);
        String alphabet = "ab \n\r:é✓😀\"{}";
        for (int i = 0; i < 2_000; i++) {
            ServerSentEvent.Builder<String> builder = ServerSentEvent.builder();
            if (random.nextBoolean()) {
                builder.id(Integer.toString(random.nextInt(1_000_000)));
            }
            if (random.nextBoolean()) {
                builder.event(random.nextBoolean() ? "message" : "gap");
            }
            if (random.nextInt(4) == 0) {
                builder.retry(Duration.ofMillis(random.nextInt(10_000)));
            }
            if (random.nextInt(3) == 0) {
                builder.comment(text(random, alphabet));
            }
            if (random.nextInt(4) != 0) {
                builder.data(text(random, alphabet));
            }
            ServerSentEvent<String> event = builder.build();
            assertThat(ours(event)).as(event.toString()).isEqualTo(springs(event));
        }
    }

    @Test
    void anEventIsOneBufferOfTheConnectionsAllocatorThatGrowsPastItsEstimate() {
        NettyDataBufferFactory pooled = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
        String data = "😀".repeat(1_000); // 4 bytes per character in UTF-8, past the estimate of one per character
        DataBuffer buffer = SseFrames.encode(ServerSentEvent.<String>builder().data(data).build(), pooled);
        try {
            assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("data:" + data + "\n\n");
        } finally {
            assertThat(DataBufferUtils.release(buffer)).isTrue();
        }
    }

    private static String text(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int codePoints = random.nextInt(12);
        for (int i = 0; i < codePoints; i++) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private static String ours(ServerSentEvent<String> event) {
        DataBuffer buffer = SseFrames.encode(event, DefaultDataBufferFactory.sharedInstance);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String springs(ServerSentEvent<String> event) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        new ServerSentEventHttpMessageWriter().write(Flux.just(event), ResolvableType.forClassWithGenerics(
                ServerSentEvent.class, String.class), SseFrames.MEDIA_TYPE, response, Map.of()).block();
        List<String> parts = new ArrayList<>();
        response.getBody().map(buffer -> buffer.toString(StandardCharsets.UTF_8)).toIterable().forEach(parts::add);
        return String.join("", parts);
    }
}
