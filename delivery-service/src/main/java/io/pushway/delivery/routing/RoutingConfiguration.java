package io.pushway.delivery.routing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/** One pub/sub connection per replica, shared by every recipient's subscription. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean(destroyMethod = "destroy")
    ReactiveRedisMessageListenerContainer liveEventsContainer(ReactiveRedisConnectionFactory redis) {
        return new ReactiveRedisMessageListenerContainer(redis);
    }
}
