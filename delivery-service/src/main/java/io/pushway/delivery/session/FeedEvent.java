package io.pushway.delivery.session;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.InboxEvent;

/** What a stream emits: a message, an explicit gap, where a feed started, or that all feeds are live. */
public sealed interface FeedEvent {

    Feed feed();

    /** The feed position after this event. */
    EntryId position();

    /** A message of the feed. */
    record Message(Feed feed, InboxEvent event) implements FeedEvent {
        @Override
        public EntryId position() {
            return event.entryId();
        }
    }

    /**
     * Messages after {@code from} up to {@code upTo} were removed by the feed's length cap before this
     * subscriber read them: they are lost to it, and it is told so instead of silently skipping.
     */
    record Gap(Feed feed, EntryId from, EntryId upTo) implements FeedEvent {
        @Override
        public EntryId position() {
            return upTo;
        }
    }

    /**
     * The feed is live from {@code position} on (for a topic joined afresh: its newest entry). Not a
     * message; transports do not write it.
     */
    record Start(Feed feed, EntryId position) implements FeedEvent {
    }

    /**
     * Every feed of the stream is live: whatever is published from now on reaches it. Transports
     * write it (with the cursor) so the client knows; it belongs to no single feed.
     */
    record Subscribed() implements FeedEvent {
        @Override
        public Feed feed() {
            return null;
        }

        @Override
        public EntryId position() {
            return null;
        }
    }

    /** An event together with the stream's cursor after it. */
    record Emitted(Cursor cursor, FeedEvent event) {
    }
}
