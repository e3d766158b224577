package io.pushway.ingest.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pushway.model.DeliveryState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/messages/{id}} (DESIGN §3): the overall state (least advanced
 * recipient), counts per state over all recipients, and one page of per-recipient detail.
 * {@code next} is the URL of the following page, or {@code null}. A topic message has its
 * {@code topic}, state {@code ACCEPTED}, {@code PUBLISHED} or {@code EXPIRED}, and the number of
 * streams it {@code reached}; no recipients.
 */
record MessageStatus(String id, DeliveryState state,
        @JsonInclude(JsonInclude.Include.NON_NULL) String topic,
        @Schema(description = "Topic messages only: the streams it was written to.")
        @JsonInclude(JsonInclude.Include.NON_NULL) Long reached,
        Instant createdAt, Instant expiresAt,
        Map<DeliveryState, Integer> counts, List<Recipient> recipients,
        @Schema(types = {"string", "null"}, format = "uri", description = "The next page of recipients, or null.") String next) {

    /** One recipient's state, when it was reached, and every state reached so far with its time. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RecipientStatus")
    record Recipient(String id, DeliveryState state, Instant at, Map<DeliveryState, Instant> timestamps) {
    }
}
