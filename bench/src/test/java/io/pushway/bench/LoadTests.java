package io.pushway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class LoadTests {

    @Test
    void anOpenLoopCancelsTheRequestsStillUnansweredWhenItsWaitEnds() {
        PublishStats stats = new PublishStats();
        Set<Integer> cancelled = ConcurrentHashMap.newKeySet();

        int sent = Load.openLoop(1000, Duration.ofMillis(20), (seq, intended) -> {
            stats.sending(1);
            Mono<Void> answer = seq % 2 == 0
                    ? Mono.fromRunnable(() -> {
                        stats.accepted(seq);
                        stats.answered(intended);
                    })
                    : Mono.never();
            return answer.doOnCancel(() -> cancelled.add(seq));
        }, stats, Duration.ofMillis(200));

        assertThat(sent).isEqualTo(20);
        assertThat(stats.acceptedSeqs()).hasSize(10).allMatch(seq -> seq % 2 == 0);
        assertThat(cancelled).hasSize(10).allMatch(seq -> seq % 2 == 1);
        assertThat(stats.outstanding()).isEqualTo(10);
    }
}
