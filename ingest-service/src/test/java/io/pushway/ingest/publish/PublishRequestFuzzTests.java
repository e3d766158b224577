package io.pushway.ingest.publish;

import static io.pushway.ingest.publish.PublishFuzzing.assertClientError;
import static io.pushway.ingest.publish.PublishFuzzing.assertPrepared;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pushway.model.JsonCodec;
import io.pushway.model.TopicAccess;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.Problems;
import jakarta.validation.ConstraintViolation;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Fuzzes {@code POST /api/v1/messages} bodies through the path a request takes (docs/security.md#fuzzing):
 * the JSON codec, Bean Validation, then the cross-field rules and topic access of {@link Publishing}.
 * Every body is accepted as a well-formed message or rejected as a client error — never any other
 * exception, which would be a 500.
 */
class PublishRequestFuzzTests {

    private static final Publishing PUBLISHING = PublishFuzzing.publishing();
    private static final TopicAccess TOPICS = TopicAccess.of(PublishFuzzing.TOPICS);

    @DictionaryFile(resourcePath = "publish.dict")
    @FuzzTest
    void publishBodyIsAcceptedOrAClientError(byte[] body) {
        PublishRequest request;
        try {
            request = JsonCodec.mapper().readValue(body, PublishRequest.class);
        } catch (JacksonException e) {
            assertClientError(PublishFuzzing.unreadable(e));
            return;
        }
        if (request == null) {
            return; // JSON null: no body, which WebFlux answers with 400
        }
        Set<ConstraintViolation<PublishRequest>> violations = PublishFuzzing.VALIDATOR.validate(request);
        if (!violations.isEmpty()) {
            assertClientError(Problems.validation(violations.stream()
                    .map(v -> new Problems.FieldError(v.getPropertyPath().toString()
                            .replace(".<list element>", ""), v.getMessage())).toList()));
            return;
        }
        Publishing.Message message;
        try {
            message = PUBLISHING.prepare(request, PublishFuzzing.PUBLISHER, TOPICS);
        } catch (InvalidRequestException e) {
            assertClientError(Problems.validation(e.errors()));
            return;
        } catch (TopicForbiddenException e) {
            assertThat(TOPICS.allows(request.topic())).isFalse();
            return;
        }
        assertPrepared(message, request);
    }
}
