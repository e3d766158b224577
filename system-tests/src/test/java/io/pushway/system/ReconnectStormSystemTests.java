package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.TestClients;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * A delivery replica restarted while its clients reconnect all at once (a rolling restart, a crash) takes
 * every one of them: each stream opens and goes live, none is refused with {@code 503}, and a message
 * published to all of them reaches each. Before the Redis answers were handed off the Redis client's
 * I/O thread, a starting replica opened its own Redis breaker under such a burst (its calls queued behind
 * the authentication and stream set-up of the requests before them) and refused every stream for 5 s.
 */
class ReconnectStormSystemTests {

    /** Clients reconnecting at once, each on a connection of its own. */
    private static final int CLIENTS = 200;
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() { };

    private final SystemStack stack = SystemStack.shared();

    @Test
    void aReplicaRestartedIntoAReconnectStormTakesEveryStreamAndDeliversToEach() throws Exception {
        SystemStack.Service replica = stack.deliveries().get(0);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = IntStream.range(0, CLIENTS).mapToObj(i -> "storm-" + run + "-" + i).toList();
        List<String> tokens = subjects.stream().map(subject -> stack.token(subject, "push.subscribe")).toList();
        WebClient clients = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(TestClients.unpooledHttpClient(stack.keys()))).build();
        Set<String> live = ConcurrentHashMap.newKeySet();
        Map<String, String> failures = new ConcurrentHashMap<>();
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        List<Disposable> streams = new ArrayList<>();

        stack.stop(replica);
        stack.restart(replica);
        long ready = System.nanoTime();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                String subject = subjects.get(i);
                String token = tokens.get(i);
                streams.add(clients.get().uri(replica.url("/api/v1/stream")).accept(MediaType.TEXT_EVENT_STREAM)
                        .headers(headers -> headers.setBearerAuth(token))
                        .retrieve().bodyToFlux(SSE)
                        .subscribe(event -> {
                            if (event.event() == null && event.comment() != null) {
                                live.add(subject);
                            } else if ("message".equals(event.event())) {
                                delivered.add(subject);
                            } else if ("reconnect".equals(event.event())) {
                                failures.put(subject, "told to reconnect: " + event.data());
                            }
                        }, e -> failures.put(subject, e.toString()), () -> failures.putIfAbsent(subject, "the stream ended")));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> live.size() == CLIENTS || !failures.isEmpty());
            assertThat(failures).as("refused or ended streams").isEmpty();
            assertThat(live).as("streams live").hasSize(CLIENTS);
            System.out.printf("[storm] %d streams live %d ms after the restarted replica was ready%n", CLIENTS,
                    (System.nanoTime() - ready) / 1_000_000);

            HttpResponse<String> published = new Api(stack, "storm-publisher").publish("{\"recipients\":["
                    + subjects.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "],\"payload\":1}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> delivered.size() == CLIENTS || !failures.isEmpty());
            assertThat(failures).as("streams that failed after going live").isEmpty();
            assertThat(delivered).as("streams that received the message").hasSize(CLIENTS);
        } finally {
            streams.forEach(Disposable::dispose);
        }
    }
}
