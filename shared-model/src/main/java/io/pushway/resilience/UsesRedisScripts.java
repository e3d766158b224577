package io.pushway.resilience;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/** A bean that runs Lua scripts on Redis: {@link RedisScriptsPreload} loads them before the service is ready. */
public interface UsesRedisScripts {

    /** The scripts this bean runs. */
    List<RedisScript<?>> scripts();
}
