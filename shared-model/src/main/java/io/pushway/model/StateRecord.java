package io.pushway.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The state of one message for one recipient, as stored in the {@code state:{r}} hash.
 *
 * <p>Text form: space-separated {@code key=value} pairs, e.g.
 * {@code e=1732550000123-0 QUEUED=1732550000123 DELIVERED=1732550000125}: {@code e} is the inbox
 * entry id (absent when the message never reached the inbox), then every state reached with its
 * epoch-millisecond timestamp, in the order reached. The last state is the current one. Redis
 * scripts append to it; Java only reads it.
 */
public record StateRecord(String entryId, DeliveryState state, Map<DeliveryState, Instant> timestamps) {

    /** The record of a recipient with no state entry yet: ACCEPTED, no timestamps. */
    public static final StateRecord ACCEPTED = new StateRecord(null, DeliveryState.ACCEPTED, Map.of());

    public StateRecord {
        timestamps = Collections.unmodifiableMap(timestamps.isEmpty()
                ? new EnumMap<>(DeliveryState.class) : new EnumMap<>(timestamps));
    }

    /** Parses the text form; {@code null} means no entry yet, i.e. {@link #ACCEPTED}. */
    public static StateRecord parse(String text) {
        if (text == null || text.isBlank()) {
            return ACCEPTED;
        }
        String entryId = null;
        DeliveryState current = DeliveryState.ACCEPTED;
        Map<DeliveryState, Instant> timestamps = new EnumMap<>(DeliveryState.class);
        for (String pair : text.trim().split(" ")) {
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (key.equals("e")) {
                entryId = value;
            } else {
                current = DeliveryState.valueOf(key);
                timestamps.put(current, Instant.ofEpochMilli(Long.parseLong(value)));
            }
        }
        return new StateRecord(entryId, current, timestamps);
    }

    /** When the current state was reached, or {@code null} for an implied ACCEPTED. */
    public Instant at() {
        return timestamps.get(state);
    }
}
