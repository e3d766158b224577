package io.pushway.ingest.publish;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A required JSON value (not {@code null}) of at most {@link #maxBytes()} bytes serialized. */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = JsonPayloadValidator.class)
@interface JsonPayload {

    /** 64 KiB, DESIGN §2. */
    int maxBytes() default 64 * 1024;

    String message() default "must be a JSON value of at most 65536 bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
