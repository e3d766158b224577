package io.pushway.serverstatus;

import io.pushway.web.KafkaHealth;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Asks Redis ({@code PING}) and Kafka (a cluster description) whether they answer, and how fast. The
 * answer is shared for a second, so however often the open status endpoint is called, the
 * dependencies see at most one probe per second from each replica.
 */
class DependencyChecks {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration SHARED_FOR = Duration.ofSeconds(1);

    /** One dependency's answer: whether it came, and how long it took (the time waited when it did not). */
    record Check(boolean up, Duration latency) {
    }

    private final Mono<Map<String, Check>> checks;

    DependencyChecks(ReactiveStringRedisTemplate redis, KafkaHealth kafka) {
        Mono<Boolean> redisUp = redis.execute(connection -> connection.ping()).next().map("PONG"::equals);
        Mono<Boolean> kafkaUp = kafka.health().map(health -> Status.UP.equals(health.getStatus()));
        this.checks = Mono.zip(timed(redisUp), timed(kafkaUp))
                .map(both -> {
                    Map<String, Check> result = new LinkedHashMap<>();
                    result.put("redis", both.getT1());
                    result.put("kafka", both.getT2());
                    return result;
                })
                .cache(SHARED_FOR);
    }

    /** Each dependency by its health-component name ({@code redis}, {@code kafka}). */
    Mono<Map<String, Check>> checks() {
        return checks;
    }

    static List<String> unreachable(Map<String, Check> checks) {
        return checks.entrySet().stream().filter(e -> !e.getValue().up()).map(Map.Entry::getKey).toList();
    }

    private static Mono<Check> timed(Mono<Boolean> probe) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return probe.timeout(ANSWER_WITHIN)
                    .onErrorReturn(false)
                    .defaultIfEmpty(false)
                    .map(up -> new Check(up, Duration.ofNanos(System.nanoTime() - start)));
        });
    }
}
