package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pushway.model.JsonCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class ProblemHandlerTests {

    record Body(JsonNode payload) {
    }

    @Test
    void nestingBeyondTheLimitInsideAFieldIsMalformedJson() {
        int depth = JsonCodec.MAX_NESTING_DEPTH + 1;
        String body = "{\"payload\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        JacksonException e = catchThrowableOfType(JacksonException.class,
                () -> JsonCodec.mapper().readValue(body, Body.class));

        assertThat(ProblemHandler.unreadableJson(e).getType()).isEqualTo(Problems.MALFORMED_JSON);
    }
}
