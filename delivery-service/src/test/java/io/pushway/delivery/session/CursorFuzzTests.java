package io.pushway.delivery.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pushway.delivery.inbox.EntryId;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Fuzzes the text a client echoes back to resume — {@code Last-Event-ID}, {@code lastEventId},
 * {@code after} (docs/security.md#fuzzing): it parses into a cursor (or entry id) that prints back
 * to itself in the SSE-safe alphabet, or is rejected with {@link IllegalArgumentException} and a
 * message that does not echo it, which the transports answer with 400. Never any other exception.
 */
class CursorFuzzTests {

    /** The inbox and up to 16 topics ({@code StreamRequest.MAX_TOPICS}). */
    private static final int MAX_FEEDS = 17;
    private static final String PRINTED = "\\d{1,19}-\\d{1,19}(_\\d{1,19}-\\d{1,19})*";
    private static final Set<String> REJECTIONS = Set.of("must be an event id received from this stream",
            "must be an event id received from this stream (same topics)");

    @FuzzTest
    void resumeTextParsesToItselfOrIsRejected(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        entryIdParsesToItselfOrIsRejected(text);
        int accepted = 0;
        for (int feeds = 1; feeds <= MAX_FEEDS; feeds++) {
            Cursor cursor;
            try {
                cursor = Cursor.parse(text, feeds);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isIn(REJECTIONS);
                continue;
            }
            accepted++;
            assertThat(cursor.positions()).hasSize(feeds);
            assertThat(cursor.toString()).matches(PRINTED);
            assertThat(Cursor.parse(cursor.toString(), feeds)).isEqualTo(cursor);
        }
        // Only the empty text (the start) fits every feed count; other text fits the one it was made for.
        assertThat(accepted).isLessThanOrEqualTo(text.isEmpty() ? MAX_FEEDS : 1);
    }

    private static void entryIdParsesToItselfOrIsRejected(String text) {
        EntryId id;
        try {
            id = EntryId.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isIn(REJECTIONS);
            return;
        }
        assertThat(id.toString()).matches(PRINTED);
        assertThat(EntryId.parse(id.toString())).isEqualTo(id);
        assertThat(id.compareTo(EntryId.ZERO)).isNotNegative();
    }
}
