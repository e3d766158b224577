package io.pushway.delivery.intake;

import io.pushway.delivery.inbox.InboxProperties;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.model.Ids;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A record on its way to the dead-letter topic: if it still names a message id and a recipient, that
 * recipient's state for the message becomes FAILED, so the publisher's status read tells the truth
 * instead of ACCEPTED forever. Best effort: a record that names neither is only dead-lettered.
 */
@Component
class FailedRecords {

    private static final Logger log = LoggerFactory.getLogger(FailedRecords.class);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private final DeliveryStatus status;
    private final InboxProperties properties;
    private final Clock clock;

    FailedRecords(DeliveryStatus status, InboxProperties properties, Clock clock) {
        this.status = status;
        this.properties = properties;
        this.clock = clock;
    }

    /** Marks the message a dead-lettered record names as FAILED for its recipient, if it names both. */
    void markFailed(Object value) {
        if (!(value instanceof byte[] bytes)) {
            return;
        }
        JsonNode record;
        try {
            record = JsonCodec.mapper().readTree(bytes);
        } catch (RuntimeException e) {
            return;
        }
        String id = record.path("id").isString() ? record.path("id").stringValue() : null;
        String recipient = record.path("recipient").isString() ? record.path("recipient").stringValue() : null;
        if (!MessageIds.isValid(id) || recipient == null || !Ids.isValid(recipient)) {
            return;
        }
        try {
            status.fail(recipient, id, clock.instant().plus(properties.statusRetention())).block(ANSWER_WITHIN);
        } catch (RuntimeException e) {
            log.warn("Could not record message {} as FAILED for its recipient", id, e);
        }
    }
}
