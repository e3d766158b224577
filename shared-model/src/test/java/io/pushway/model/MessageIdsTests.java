package io.pushway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessageIdsTests {

    @Test
    void idsAreUuidV7TextAndStrictlyIncreasing() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(MessageIds.next());
        }
        assertThat(ids).allMatch(MessageIds::isValid);
        assertThat(ids).isSorted();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(UUID.fromString(ids.get(0)).version()).isEqualTo(7);
    }

    @Test
    void idsCarryTheirCreationMillisecond() {
        long before = System.currentTimeMillis();
        String id = MessageIds.next();
        long millis = UUID.fromString(id).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, System.currentTimeMillis() + 1);
        assertThat(MessageIds.createdAt(id).toEpochMilli()).isEqualTo(millis);
    }

    @Test
    void idsFromManyThreadsAreUnique() throws Exception {
        var ids = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    ids.add(MessageIds.next());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(40_000);
    }

    @Test
    void rejectsWhatIsNotAMessageId() {
        assertThat(MessageIds.isValid(null)).isFalse();
        assertThat(MessageIds.isValid(UUID.randomUUID().toString())).isFalse();
        assertThat(MessageIds.isValid("../../etc/passwd")).isFalse();
        assertThat(MessageIds.isValid(MessageIds.next().toUpperCase())).isFalse();
    }

    @Test
    void acceptsExactlyWhatTheUuidV7PatternAccepts() {
        Pattern uuidV7 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Random random = new Random(7);
        String alphabet = "0123456789abcdefABCDEF-7g8 /";
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            char[] id = MessageIds.next().toCharArray();
            int changes = random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                id[random.nextInt(id.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = random.nextInt(50) == 0 ? new String(id, 0, random.nextInt(id.length)) : new String(id);
            boolean valid = uuidV7.matcher(text).matches();
            assertThat(MessageIds.isValid(text)).as(text).isEqualTo(valid);
            accepted += valid ? 1 : 0;
        }
        assertThat(accepted).isBetween(20_000, 90_000);
    }
}
