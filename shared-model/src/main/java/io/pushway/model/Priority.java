package io.pushway.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A message's priority as the publisher set it; written in JSON as {@code normal} or {@code high}. */
public enum Priority {
    NORMAL, HIGH;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the JSON form; anything but {@code normal} or {@code high} is rejected. */
    @JsonCreator
    public static Priority fromJson(String value) {
        return switch (value) {
            case "normal" -> NORMAL;
            case "high" -> HIGH;
            default -> throw new IllegalArgumentException("priority must be \"normal\" or \"high\"");
        };
    }
}
