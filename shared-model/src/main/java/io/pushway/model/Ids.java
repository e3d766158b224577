package io.pushway.model;

import java.util.regex.Pattern;

/**
 * Rules for the identifiers publishers and subscribers choose: recipient ids and topic names.
 *
 * <p>Both match {@code [A-Za-z0-9._:@-]{1,128}} (DESIGN §2). The alphabet keeps ids safe in Redis
 * keys, URLs, SSE frames and log lines without escaping; in particular it excludes braces, so an id
 * can never break a Redis Cluster hash tag.
 */
public final class Ids {

    /** The pattern every recipient id and topic name matches. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    /** The same rule as a string, for Bean Validation's {@code @Pattern}. */
    public static final String REGEX = "[A-Za-z0-9._:@-]{1,128}";

    private Ids() {
    }

    /** Whether {@code id} is a valid recipient id or topic name; {@code null} is not. */
    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
