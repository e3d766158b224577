package io.pushway.delivery;

import io.pushway.model.DeliveryState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts in {@code scripts/}, read once into memory. Not {@code RedisScript.of(Resource)}: a
 * script built from a resource checks the resource's modification time on every call, which inside
 * the application jar means a jar lookup and a thrown {@code FileNotFoundException} per Redis call.
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    /** {@code scripts/NAME.lua}, with the transitions of {@link DeliveryState} filled in where it asks. */
    public static <T> RedisScript<T> load(String name, Class<T> resultType) {
        try {
            String text = new ClassPathResource("scripts/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
            return RedisScript.of(text.replace("__TRANSITIONS__", DeliveryState.luaTransitions()), resultType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
