package io.pushway.ingest.publish;

import io.pushway.model.Ids;
import io.pushway.model.Priority;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "Exactly one of `recipients` and `topic`.", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record PublishRequest(
        @ArraySchema(uniqueItems = true, arraySchema = @Schema(description = "User ids; each at most once."))
        @Size(min = 1, max = 1000, message = "must list 1 to 1000 recipients")
        List<@NotNull(message = "must not be null")
             @Pattern(regexp = Ids.REGEX, message = "must match " + Ids.REGEX) String> recipients,
        @Schema(description = "A topic name, dot-separated, e.g. `news.sports`.")
        @Pattern(regexp = Ids.REGEX, message = "must match " + Ids.REGEX) String topic,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {"object", "array", "string", "number", "boolean"},
                description = "Any JSON value except null; at most 65,536 bytes serialized; numbers within double range (I-JSON).")
        @JsonPayload JsonNode payload,
        @Schema(description = "How long the message may wait for delivery.", defaultValue = "86400")
        @Min(value = 1, message = "must be at least 1") @Max(value = 604_800, message = "must be at most 604800")
        Integer ttlSeconds,
        @Schema(defaultValue = "normal") Priority priority) {

    /** A direct message, as the OpenAPI document's example. */
    static final String DIRECT_EXAMPLE = """
            {"recipients": ["alice", "bob"], "payload": {"text": "hi"}, "ttlSeconds": 3600, "priority": "high"}""";

    /** A topic message, as the OpenAPI document's example. */
    static final String TOPIC_EXAMPLE = """
            {"topic": "news.sports", "payload": {"headline": "Goal"}}""";
}
