package io.pushway.web;

import java.util.List;

/** A request broke a rule that annotations cannot express; answered as a 400 validation problem. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<Problems.FieldError> errors;

    public InvalidRequestException(List<Problems.FieldError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String path, String message) {
        this(List.of(new Problems.FieldError(path, message)));
    }

    public List<Problems.FieldError> errors() {
        return errors;
    }
}
