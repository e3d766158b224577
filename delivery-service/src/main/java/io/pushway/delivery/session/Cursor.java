package io.pushway.delivery.session;

import io.pushway.delivery.inbox.EntryId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stream's position in each of its feeds, in feed order (the inbox, then the topics in the order
 * the subscriber named them): the SSE event id / WebSocket {@code id} the client echoes back to
 * resume. Text form: the entry ids joined by {@code _}; with the inbox alone, just its entry id.
 */
public record Cursor(List<EntryId> positions) {

    public Cursor {
        positions = List.copyOf(positions);
    }

    /** The start of every one of {@code feeds} feeds. */
    public static Cursor start(int feeds) {
        return new Cursor(Collections.nCopies(feeds, EntryId.ZERO));
    }

    /**
     * Parses a cursor for {@code feeds} feeds; {@code null} or empty is the start.
     *
     * @throws IllegalArgumentException when the text is not a cursor of this many feeds
     */
    public static Cursor parse(String text, int feeds) {
        if (text == null || text.isEmpty()) {
            return start(feeds);
        }
        String[] parts = text.split("_", -1);
        if (parts.length != feeds) {
            throw new IllegalArgumentException("must be an event id received from this stream (same topics)");
        }
        List<EntryId> positions = new ArrayList<>(feeds);
        for (String part : parts) {
            positions.add(EntryId.parse(part));
        }
        return new Cursor(positions);
    }

    public EntryId position(int feed) {
        return positions.get(feed);
    }

    /** This cursor with feed {@code feed} at {@code position}. */
    public Cursor with(int feed, EntryId position) {
        List<EntryId> moved = new ArrayList<>(positions);
        moved.set(feed, position);
        return new Cursor(moved);
    }

    /** The text form; built for every event a stream sends, so without a stream pipeline. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(24 * positions.size());
        for (int i = 0; i < positions.size(); i++) {
            positions.get(i).appendTo(i == 0 ? text : text.append('_'));
        }
        return text.toString();
    }
}
