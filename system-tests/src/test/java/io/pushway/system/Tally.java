package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * Compares what each subscriber received with what was accepted for it, prints the counts (sent,
 * received, duplicates, lost) and asserts: nothing lost, nothing foreign, publish order kept.
 */
final class Tally {

    private Tally() {
    }

    static void check(String scenario, int attempted, Map<ResumingSubscriber, List<String>> expected) {
        int sent = 0;
        int received = 0;
        int distinct = 0;
        int lost = 0;
        int reconnects = 0;
        for (var entry : expected.entrySet()) {
            List<String> got = entry.getKey().received();
            List<String> unique = entry.getKey().deduplicated();
            sent += entry.getValue().size();
            received += got.size();
            distinct += unique.size();
            lost += (int) entry.getValue().stream().filter(id -> !unique.contains(id)).count();
            reconnects += entry.getKey().connects() - 1;
        }
        System.out.printf("[%s] attempted=%d accepted=%d received=%d duplicates=%d lost=%d reconnects=%d%n",
                scenario, attempted, sent, received, received - distinct, lost, reconnects);
        for (var entry : expected.entrySet()) {
            assertThat(entry.getKey().deduplicated()).as("%s: messages of %s, in order", scenario, entry.getKey().name())
                    .containsExactlyElementsOf(entry.getValue());
        }
    }

    /** Whether every subscriber has (at least) every message accepted for it. */
    static boolean complete(Map<ResumingSubscriber, List<String>> expected) {
        return expected.entrySet().stream().allMatch(e -> e.getKey().deduplicated().containsAll(e.getValue()));
    }
}
