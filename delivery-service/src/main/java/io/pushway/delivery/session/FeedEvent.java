package io.pushway.delivery.session;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.InboxEvent;

/** What a stream emits for one of its feeds: a message, an explicit gap, or where it started. */
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
     * Where a stream starts reading a feed it joined without a position (a topic: after its newest
     * entry). Not a message: transports only record it in the cursor the client holds.
     */
    record Start(Feed feed, EntryId position) implements FeedEvent {
    }

    /** An event together with the stream's cursor after it. */
    record Emitted(Cursor cursor, FeedEvent event) {
    }
}
