package io.pushway.serverstatus;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushway.serverstatus.ServerStatusController.StatusIdentity;
import io.pushway.web.KafkaHealth;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The server status endpoint of a service; imported by {@code WebConfiguration}. */
@Configuration(proxyBeanMethods = false)
public class ServerStatusConfiguration {

    /** The readiness group's members: a dependency in it makes the status DOWN when it does not answer. */
    static final String READINESS_MEMBERS = "management.endpoint.health.group.readiness.include";

    @Bean
    DependencyChecks dependencyChecks(ReactiveStringRedisTemplate redis, KafkaHealth kafka) {
        return new DependencyChecks(redis, kafka);
    }

    @Bean
    RecentRates recentRates(MeterRegistry meters) {
        return new RecentRates(meters);
    }

    @Bean
    ServerStatusController serverStatusController(DependencyChecks dependencies, RecentRates rates,
            MeterRegistry meters, ApplicationAvailability availability, Environment environment,
            ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        StatusIdentity identity = new StatusIdentity(
                environment.getProperty("spring.application.name", "pushway"),
                info != null && info.getVersion() != null ? info.getVersion() : "unknown",
                Binder.get(environment).bind(READINESS_MEMBERS, Bindable.setOf(String.class)).orElse(Set.of()));
        return new ServerStatusController(dependencies, rates, meters, availability, identity);
    }
}
