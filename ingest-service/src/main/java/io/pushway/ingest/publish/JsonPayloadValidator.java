package io.pushway.ingest.publish;

import io.pushway.model.JsonCodec;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@link JsonPayload}: present, not JSON null, numbers within {@code double} range (I-JSON,
 * RFC 7493; beyond it a number would be re-encoded as the string {@code "Infinity"}), and small
 * enough once serialized. Public: Bean Validation instantiates it.
 */
public class JsonPayloadValidator implements ConstraintValidator<JsonPayload, JsonNode> {

    private int maxBytes;

    @Override
    public void initialize(JsonPayload annotation) {
        maxBytes = annotation.maxBytes();
    }

    @Override
    public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
        String problem = value == null || value.isNull() || value.isMissingNode() ? "is required"
                : !withinDoubleRange(value) ? "must not hold numbers beyond double range"
                : JsonCodec.mapper().writeValueAsBytes(value).length > maxBytes
                        ? "must be at most " + maxBytes + " bytes serialized" : null;
        if (problem != null) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        }
        return problem == null;
    }

    /** Recursion is bounded by the parser's nesting limit. */
    private static boolean withinDoubleRange(JsonNode value) {
        if (value.isFloatingPointNumber()) {
            return Double.isFinite(value.doubleValue());
        }
        for (JsonNode child : value) {
            if (!withinDoubleRange(child)) {
                return false;
            }
        }
        return true;
    }
}
