package io.pushway.model;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The delivery state of one message for one recipient (DESIGN §3).
 *
 * <pre>
 * ACCEPTED ──► QUEUED ──► DELIVERED ──► ACKNOWLEDGED
 *    │           │  └──────────────────────▲
 *    ├──► EXPIRED◄┘
 *    ├──► FAILED ◄── QUEUED
 *    └──► PUBLISHED            (topic messages)
 * </pre>
 *
 * <p>Transitions are monotonic: a state only moves to one of {@link #next()}; a late or duplicate
 * update is a no-op. The compare-and-set runs inside Redis, from the string {@link #luaTransitions()}
 * renders, so Java and Redis share one definition. {@link #rank()} orders states by progress;
 * the overall state of a multi-recipient message is its least advanced recipient state.
 */
public enum DeliveryState {

    /** Durably written to Kafka. Implied for a recipient that has no state record yet. */
    ACCEPTED(0),
    /** In the recipient's inbox, waiting for a live stream. */
    QUEUED(1),
    /** Written to at least one live stream of the recipient. */
    DELIVERED(2),
    /** Confirmed by the recipient's client. Terminal. */
    ACKNOWLEDGED(3),
    /** The TTL passed before the message was delivered. Terminal. */
    EXPIRED(3),
    /** Could not be processed; the record went to the dead-letter topic. Terminal. */
    FAILED(3),
    /** A topic message: appended to the topic's history and fanned out to its live streams. Terminal. */
    PUBLISHED(3);

    private final int rank;

    DeliveryState(int rank) {
        this.rank = rank;
    }

    /** Progress order: higher is further along; terminal states share the highest rank. */
    public int rank() {
        return rank;
    }

    /** Whether no transition leaves this state. */
    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** The states this state may move to. */
    public Set<DeliveryState> next() {
        return switch (this) {
            case ACCEPTED -> EnumSet.of(QUEUED, DELIVERED, ACKNOWLEDGED, EXPIRED, FAILED, PUBLISHED);
            case QUEUED -> EnumSet.of(DELIVERED, ACKNOWLEDGED, EXPIRED, FAILED);
            case DELIVERED -> EnumSet.of(ACKNOWLEDGED);
            case ACKNOWLEDGED, EXPIRED, FAILED, PUBLISHED -> EnumSet.noneOf(DeliveryState.class);
        };
    }

    /** Whether moving from this state to {@code target} is allowed. */
    public boolean canMoveTo(DeliveryState target) {
        return next().contains(target);
    }

    /**
     * The allowed transitions as one string for scripts that enforce them in Redis, each move
     * {@code FROM>TO} between spaces, e.g. {@code " ACCEPTED>QUEUED ... DELIVERED>ACKNOWLEDGED "}: a script
     * checks a move with a plain {@code string.find} for {@code " FROM>TO "}, where a Lua table would be
     * built again on every call (Redis scripts keep no state between calls).
     */
    public static String luaTransitions() {
        return EnumSet.allOf(DeliveryState.class).stream()
                .flatMap(from -> from.next().stream().map(to -> from.name() + ">" + to.name()))
                .collect(Collectors.joining(" ", " ", " "));
    }

    /**
     * The overall state of a message from its recipients' states: the least advanced one. Among
     * terminal states a failure wins over an expiry, and an expiry over an acknowledgement, so a
     * problem is never hidden behind a success.
     */
    public static DeliveryState overall(Iterable<DeliveryState> states) {
        DeliveryState overall = null;
        for (DeliveryState state : states) {
            if (overall == null || state.rank < overall.rank
                    || (state.rank == overall.rank && state.ordinal() > overall.ordinal())) {
                overall = state;
            }
        }
        return overall == null ? ACCEPTED : overall;
    }
}
