package io.pushway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JsonCodecTests {

    private final Instant now = Instant.parse("2026-11-25T18:00:00.123Z");

    @Test
    void envelopeRoundTripsWithIsoInstantsAndLowerCasePriority() {
        Envelope envelope = Envelope.direct(MessageIds.next(), "alice",
                JsonCodec.mapper().readTree("{\"text\":\"hi \\n\\u2028 there\",\"n\":[1,2.5,null]}"),
                Priority.HIGH, now, now.plusSeconds(60), "backend-1");

        byte[] json = JsonCodec.encode(envelope);

        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"createdAt\":\"2026-11-25T18:00:00.123Z\"").contains("\"priority\":\"high\"")
                .doesNotContain("\n");
        assertThat(JsonCodec.decode(json)).isEqualTo(envelope);
    }

    @Test
    void decodeRejectsUnknownFieldsAndBrokenInvariants() {
        String valid = new String(JsonCodec.encode(Envelope.direct(MessageIds.next(), "bob",
                JsonCodec.mapper().readTree("1"), null, now, now.plusSeconds(1), "p")), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonCodec.decode(valid.replace("{\"id\"", "{\"evil\":1,\"id\"").getBytes()))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> JsonCodec.decode("{\"id\":\"x\"}".getBytes()))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> JsonCodec.decode("not json".getBytes())).isInstanceOf(JacksonException.class);
    }

    @Test
    void nestingBeyondTheLimitIsRejected() {
        String deep = "[".repeat(JsonCodec.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonCodec.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> JsonCodec.mapper().readTree(deep)).isInstanceOf(JacksonException.class);
    }

    @Test
    void typesAreStrictAndNamesAreNotRepeated() {
        var mapper = JsonCodec.mapper();
        for (String scalar : new String[] {"5", "1.5", "true"}) {
            assertThatThrownBy(() -> mapper.readValue(scalar, String.class)).as(scalar).isInstanceOf(JacksonException.class);
        }
        assertThatThrownBy(() -> mapper.readValue("\"5\"", Integer.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> mapper.readValue("1.5", Integer.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> mapper.readTree("{\"a\":1,\"a\":2}")).isInstanceOf(JacksonException.class);
        assertThat(mapper.readValue("\"5\"", String.class)).isEqualTo("5");
        assertThat(mapper.readValue("5", Integer.class)).isEqualTo(5);
    }

    @Test
    void envelopeRequiresExactlyOneAddressAndValidIds() {
        var payload = JsonCodec.mapper().readTree("{}");
        String id = MessageIds.next();
        assertThatThrownBy(() -> new Envelope(id, "a", "t", payload, null, now, now.plusSeconds(1), "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.direct(id, "a{b}", payload, null, now, now.plusSeconds(1), "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.direct(id, "a", payload, null, now, now, "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
