package io.pushway.ingest.publish;

import io.pushway.model.JsonCodec;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import tools.jackson.databind.JsonNode;

/** Checks {@link JsonPayload}: present, not JSON null, and small enough once serialized. Public: Bean Validation instantiates it. */
public class JsonPayloadValidator implements ConstraintValidator<JsonPayload, JsonNode> {

    private int maxBytes;

    @Override
    public void initialize(JsonPayload annotation) {
        maxBytes = annotation.maxBytes();
    }

    @Override
    public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
        String problem = value == null || value.isNull() || value.isMissingNode() ? "is required"
                : JsonCodec.mapper().writeValueAsBytes(value).length > maxBytes
                        ? "must be at most " + maxBytes + " bytes serialized" : null;
        if (problem != null) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        }
        return problem == null;
    }
}
