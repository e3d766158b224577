package io.pushway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
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
}
