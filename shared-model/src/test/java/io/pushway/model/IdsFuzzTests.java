package io.pushway.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Fuzzes the id rules with arbitrary text (docs/security.md#fuzzing): {@link Ids} accepts exactly
 * its alphabet and lengths, {@link MessageIds} exactly canonical lower-case UUIDv7 text, and every
 * message id is also a valid id (so it fits Redis keys, URLs and SSE frames like the others).
 */
class IdsFuzzTests {

    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-";

    @FuzzTest
    void idRulesAcceptExactlyTheirAlphabets(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        assertThat(Ids.isValid(text)).as("Ids.isValid(%s)", text).isEqualTo(inIdAlphabet(text));
        if (MessageIds.isValid(text)) {
            UUID uuid = UUID.fromString(text);
            assertThat(uuid.toString()).isEqualTo(text);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(Ids.isValid(text)).isTrue();
        }
        if (input.length >= 16) {
            ByteBuffer bits = ByteBuffer.wrap(input);
            UUID uuid = new UUID(bits.getLong(), bits.getLong());
            assertThat(MessageIds.isValid(uuid.toString())).as("MessageIds.isValid(%s)", uuid)
                    .isEqualTo(uuid.version() == 7 && uuid.variant() == 2);
        }
    }

    private static boolean inIdAlphabet(String text) {
        return !text.isEmpty() && text.length() <= 128 && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
