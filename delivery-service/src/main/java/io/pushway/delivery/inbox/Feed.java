package io.pushway.delivery.inbox;

import io.pushway.model.DeliveryState;
import io.pushway.model.Ids;
import io.pushway.model.RedisKeys;

/**
 * A source of stream events: a recipient's inbox or a topic's history. Both are Redis streams with
 * the same entry format, appended by the same script, routed on their own pub/sub channel.
 */
public record Feed(Kind kind, String name) {

    /** What a feed holds. */
    public enum Kind { INBOX, TOPIC }

    public Feed {
        if (!Ids.isValid(name)) {
            throw new IllegalArgumentException("feed names match " + Ids.REGEX);
        }
    }

    public static Feed inbox(String recipient) {
        return new Feed(Kind.INBOX, recipient);
    }

    public static Feed topic(String topic) {
        return new Feed(Kind.TOPIC, topic);
    }

    public String streamKey() {
        return kind == Kind.INBOX ? RedisKeys.inbox(name) : RedisKeys.topic(name);
    }

    public String seenKey() {
        return kind == Kind.INBOX ? RedisKeys.seen(name) : RedisKeys.topicSeen(name);
    }

    public String stateKey() {
        return kind == Kind.INBOX ? RedisKeys.state(name) : RedisKeys.topicState(name);
    }

    public String channel() {
        return kind == Kind.INBOX ? RedisKeys.events(name) : RedisKeys.topicEvents(name);
    }

    /** The state an appended message records: QUEUED in an inbox, PUBLISHED on a topic. */
    DeliveryState appendedState() {
        return kind == Kind.INBOX ? DeliveryState.QUEUED : DeliveryState.PUBLISHED;
    }
}
