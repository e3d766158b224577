package io.pushway.ingest.publish;

import io.pushway.model.Ids;
import io.pushway.model.Priority;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/messages} (DESIGN §2). Field rules are annotations; the rules that
 * relate fields (exactly one of recipients and topic, no repeated recipient) live in
 * {@link Publishing}.
 */
record PublishRequest(
        @Size(min = 1, max = 1000, message = "must list 1 to 1000 recipients")
        List<@NotNull(message = "must not be null")
             @Pattern(regexp = Ids.REGEX, message = "must match " + Ids.REGEX) String> recipients,
        @Pattern(regexp = Ids.REGEX, message = "must match " + Ids.REGEX) String topic,
        @JsonPayload JsonNode payload,
        @Min(value = 1, message = "must be at least 1") @Max(value = 604_800, message = "must be at most 604800")
        Integer ttlSeconds,
        Priority priority) {
}
