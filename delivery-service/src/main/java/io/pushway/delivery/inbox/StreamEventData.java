package io.pushway.delivery.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** The {@code data} of a stream event, DESIGN §5: {@code {"id","topic"?,"payload","createdAt"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StreamEventData(String id, String topic, JsonNode payload, Instant createdAt) {

    /** Encodes the event data of {@code envelope} once, as compact single-line JSON. */
    static String encode(Envelope envelope) {
        return JsonCodec.mapper().writeValueAsString(
                new StreamEventData(envelope.id(), envelope.topic(), envelope.payload(), envelope.createdAt()));
    }
}
