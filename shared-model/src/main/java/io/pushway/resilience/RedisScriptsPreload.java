package io.pushway.resilience;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;

/**
 * Before the service reports ready (runners end before readiness turns to accepting traffic): opens the
 * Redis connection and loads every script of the {@link UsesRedisScripts} beans. Without it, the first
 * calls after a start paid for both: each call of a burst was answered {@code NOSCRIPT} and sent again with
 * the script's body, and the first batch publishes after a start outlasted the 1 s deadline and were
 * refused with 503 (docs/performance.md, twentieth session). A failure is logged and the service starts
 * anyway: Redis may come later, and calls load what they miss.
 */
final class RedisScriptsPreload implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RedisScriptsPreload.class);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private final ReactiveStringRedisTemplate redis;
    private final ObjectProvider<UsesRedisScripts> users;

    RedisScriptsPreload(ReactiveStringRedisTemplate redis, ObjectProvider<UsesRedisScripts> users) {
        this.redis = redis;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<RedisScript<?>> scripts = users.orderedStream().flatMap(user -> user.scripts().stream()).toList();
        try {
            Long loaded = redis.execute(connection -> Flux.fromIterable(scripts).concatMap(script -> connection
                    .scriptingCommands().scriptLoad(ByteBuffer.wrap(script.getScriptAsString().getBytes(StandardCharsets.UTF_8)))))
                    .count().block(LIMIT);
            log.info("Loaded {} Lua script(s) into Redis", loaded);
        } catch (RuntimeException e) {
            log.warn("Could not load the Lua scripts into Redis before start ({}); the first calls will", e.getMessage());
        }
    }
}
