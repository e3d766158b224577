package io.pushway.delivery.status;

import io.pushway.model.DeliveryState;
import io.pushway.model.RedisKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@link DeliveryStatus} in {@code state:{r}}, with the transition check inside {@code scripts/advance.lua}. */
@Component
class RedisDeliveryStatus implements DeliveryStatus {

    private static final RedisScript<Long> ADVANCE = RedisScript.of(script(), Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;

    RedisDeliveryStatus(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> advance(String recipient, String messageId, DeliveryState target) {
        return redis.execute(ADVANCE, List.of(RedisKeys.state(recipient)),
                        List.of(messageId, target.name(), String.valueOf(clock.millis())))
                .single()
                .map(moved -> moved == 1L);
    }

    private static String script() {
        try {
            String text = new ClassPathResource("scripts/advance.lua").getContentAsString(StandardCharsets.UTF_8);
            return text.replace("__TRANSITIONS__", DeliveryState.luaTable());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
