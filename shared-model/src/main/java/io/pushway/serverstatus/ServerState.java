package io.pushway.serverstatus;

import java.util.Collection;
import java.util.Set;

/** What a service can do right now, as {@code GET /api/v1/status} reports it. */
public enum ServerState {
    /** Everything it depends on answers. */
    UP,
    /** It serves, but a dependency it can do without for a while does not answer (delivery without Kafka: no new messages arrive). */
    DEGRADED,
    /** It cannot do its job: a dependency its readiness needs does not answer, or it is shutting down. */
    DOWN;

    /**
     * The verdict, with the same notion of "essential" as the readiness group, so status and readiness
     * never disagree about DOWN.
     *
     * @param acceptingTraffic the application's readiness state
     * @param unreachable the dependencies that did not answer
     * @param essential the dependencies the readiness group includes
     */
    static ServerState of(boolean acceptingTraffic, Collection<String> unreachable, Set<String> essential) {
        if (!acceptingTraffic || unreachable.stream().anyMatch(essential::contains)) {
            return DOWN;
        }
        return unreachable.isEmpty() ? UP : DEGRADED;
    }
}
