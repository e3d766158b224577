package io.pushway.delivery.transport;

import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.session.FeedEvent;

/**
 * JSON bodies the transports write besides message data. Every value in them is an id or entry id
 * (validated alphabets), so plain concatenation cannot produce invalid JSON or split a frame.
 */
final class Frames {

    private Frames() {
    }

    static String gap(FeedEvent.Gap gap) {
        String source = gap.feed().kind() == Feed.Kind.TOPIC ? "\"topic\":\"" + gap.feed().name() + "\"" : "\"inbox\":true";
        return "{" + source + ",\"after\":\"" + gap.from() + "\",\"lostUpTo\":\"" + gap.upTo() + "\"}";
    }

    static String reason(String reason) {
        return "{\"reason\":\"" + reason + "\"}";
    }
}
