package io.pushway.delivery.inbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis stream entry id, {@code <ms>-<seq>}: the SSE event id of an inbox event. Ordered as Redis
 * orders them; {@link #ZERO} precedes every real entry.
 */
public record EntryId(long millis, long sequence) implements Comparable<EntryId> {

    /** Before every entry: "replay everything" — and, for a topic, "not joined yet". */
    public static final EntryId ZERO = new EntryId(0, 0);

    /**
     * Also before every real entry (Redis never generates {@code 0-1}), but not {@link #ZERO}: the
     * position of a topic that was joined while it was empty.
     */
    public static final EntryId EMPTY = new EntryId(0, 1);

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    public EntryId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("entry ids are non-negative");
        }
    }

    /**
     * Parses {@code <ms>-<seq>}.
     *
     * @throws IllegalArgumentException when {@code text} is not an entry id
     */
    public static EntryId parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must be an event id received from this stream");
        }
        try {
            return new EntryId(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an event id received from this stream", e);
        }
    }

    public boolean isAfter(EntryId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(EntryId other) {
        int byMillis = Long.compareUnsigned(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }

    /** Appends the text form, {@code <ms>-<seq>}, to {@code text}. */
    public StringBuilder appendTo(StringBuilder text) {
        return text.append(millis).append('-').append(sequence);
    }
}
