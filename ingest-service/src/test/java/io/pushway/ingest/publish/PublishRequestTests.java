package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.model.JsonCodec;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PublishRequestTests {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    private final JsonNode payload = JsonCodec.mapper().readTree("{\"a\":1}");

    @Test
    void validRequestHasNoViolations() {
        assertThat(violations(new PublishRequest(List.of("alice", "user:42@tenant.eu-1"), null, payload, 604_800, null)))
                .isEmpty();
    }

    @Test
    void eachFieldRuleReportsItsPath() {
        assertThat(violations(new PublishRequest(List.of(), null, payload, null, null))).containsKey("recipients");
        assertThat(violations(new PublishRequest(Collections.nCopies(1001, "a"), null, payload, null, null)))
                .containsKey("recipients");
        assertThat(violations(new PublishRequest(List.of("ok", "x".repeat(129)), null, payload, null, null)))
                .containsKey("recipients[1].<list element>");
        assertThat(violations(new PublishRequest(List.of("a{b}"), null, payload, null, null)))
                .containsKey("recipients[0].<list element>");
        assertThat(violations(new PublishRequest(List.of("a"), "bad topic", payload, null, null))).containsKey("topic");
        assertThat(violations(new PublishRequest(List.of("a"), null, payload, 0, null))).containsKey("ttlSeconds");
    }

    @Test
    void payloadIsRequiredNotNullAndAtMost64KiB() {
        assertThat(violations(new PublishRequest(List.of("a"), null, null, null, null)))
                .containsEntry("payload", "is required");
        assertThat(violations(new PublishRequest(List.of("a"), null, JsonCodec.mapper().readTree("null"), null, null)))
                .containsEntry("payload", "is required");
        String fits = "\"" + "x".repeat(65_536 - 2) + "\"";
        assertThat(violations(new PublishRequest(List.of("a"), null, JsonCodec.mapper().readTree(fits), null, null)))
                .isEmpty();
        String tooBig = "\"" + "x".repeat(65_536 - 1) + "\"";
        assertThat(violations(new PublishRequest(List.of("a"), null, JsonCodec.mapper().readTree(tooBig), null, null)))
                .containsEntry("payload", "must be at most 65536 bytes serialized");
    }

    @Test
    void payloadNumbersBeyondDoubleRangeAreRejectedNotTurnedIntoInfinity() {
        assertThat(violations(new PublishRequest(List.of("a"), null,
                JsonCodec.mapper().readTree("{\"n\":[1,{\"big\":-1e400}]}"), null, null)))
                .containsEntry("payload", "must not hold numbers beyond double range");
        assertThat(violations(new PublishRequest(List.of("a"), null,
                JsonCodec.mapper().readTree("[1.7976931348623157e308,1e-400,123456789012345678901234567890]"), null,
                null))).isEmpty();
    }

    private java.util.Map<String, String> violations(PublishRequest request) {
        Set<ConstraintViolation<PublishRequest>> violations = validator.validate(request);
        return violations.stream().collect(Collectors.toMap(v -> v.getPropertyPath().toString(),
                ConstraintViolation::getMessage, (a, b) -> a));
    }
}
