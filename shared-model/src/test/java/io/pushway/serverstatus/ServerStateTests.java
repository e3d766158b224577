package io.pushway.serverstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerStateTests {

    private static final Set<String> INGEST = Set.of("readinessState", "redis", "kafka");
    private static final Set<String> DELIVERY = Set.of("readinessState", "redis");

    @Test
    void upWhenEveryDependencyAnswers() {
        assertThat(ServerState.of(true, List.of(), INGEST)).isEqualTo(ServerState.UP);
    }

    @Test
    void degradedWhenOnlyADependencyOutsideReadinessIsMissing() {
        assertThat(ServerState.of(true, List.of("kafka"), DELIVERY)).isEqualTo(ServerState.DEGRADED);
    }

    @Test
    void downWhenADependencyReadinessNeedsIsMissing() {
        assertThat(ServerState.of(true, List.of("kafka"), INGEST)).isEqualTo(ServerState.DOWN);
        assertThat(ServerState.of(true, List.of("redis"), DELIVERY)).isEqualTo(ServerState.DOWN);
    }

    @Test
    void downWhileShuttingDownEvenWithEveryDependencyUp() {
        assertThat(ServerState.of(false, List.of(), INGEST)).isEqualTo(ServerState.DOWN);
    }
}
