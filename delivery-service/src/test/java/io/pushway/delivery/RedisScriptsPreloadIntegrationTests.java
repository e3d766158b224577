package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.resilience.UsesRedisScripts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.core.script.RedisScript;

/** Before the service is ready, every script its beans run is loaded into Redis. */
class RedisScriptsPreloadIntegrationTests extends DeliveryIntegrationTest {

    @Autowired
    private List<UsesRedisScripts> users;

    @Autowired
    private List<ApplicationRunner> runners;

    @Test
    void everyScriptTheServiceRunsIsInRedisAfterThePreload() throws Exception {
        List<String> shas = users.stream().flatMap(user -> user.scripts().stream()).map(RedisScript::getSha1).toList();
        assertThat(shas).hasSizeGreaterThanOrEqualTo(6); // append, advance, acknowledge, confirm, fail, token buckets
        redis.execute(connection -> connection.scriptingCommands().scriptFlush()).blockLast();
        assertThat(exist(shas)).containsOnly(false);

        for (ApplicationRunner runner : runners) {
            runner.run(new DefaultApplicationArguments());
        }

        assertThat(exist(shas)).containsOnly(true);
    }

    private List<Boolean> exist(List<String> shas) {
        return redis.execute((ReactiveRedisConnection connection) -> connection.scriptingCommands()
                .scriptExists(shas).collectList()).blockLast();
    }
}
