package io.pushway.web;

import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.pushway.model.JsonCodec;
import io.pushway.resilience.RedisCalls;
import io.pushway.resilience.ResilienceConfiguration;
import io.pushway.serverstatus.ServerStatusConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * Beans every Pushway service uses: the one JSON mapper, the problem+json handler (and its firewall
 * counterpart), Redis client options and flush consolidation, Redis token buckets for rate limits,
 * the access log, and the Kafka health component, the server status endpoint, the client address
 * behind trusted proxies, the drain on shutdown, the cache of verified tokens; and (imported) the
 * guarded Redis calls.
 */
@Configuration(proxyBeanMethods = false)
@Import({ResilienceConfiguration.class, ServerStatusConfiguration.class})
@EnableConfigurationProperties({CorsProperties.class, ForwardedProperties.class, ShutdownProperties.class,
        TokenCacheProperties.class})
public class WebConfiguration {

    /**
     * Pushway's strict mapper, also used by WebFlux's JSON codecs; problem details get their
     * extension members at the top level (RFC 9457 §3.2).
     */
    @Bean
    JsonMapper jsonMapper() {
        return JsonCodec.configure(JsonMapper.builder(JsonCodec.factory()))
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build();
    }

    /**
     * No Spring Security observations: they wrap every security filter of every request in an
     * observation of its own (kept alive for a stream's lifetime); the HTTP server observation
     * already gives the metrics and the trace.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The problem+json handler; with tracing off it still answers, with stand-in trace ids. */
    @Bean
    ProblemHandler problemHandler(ObjectProvider<Tracer> tracer) {
        return new ProblemHandler(tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    /** The access log; {@code pushway.access-log.enabled=false} turns it off. */
    @Bean
    @ConditionalOnBooleanProperty(name = "pushway.access-log.enabled", matchIfMissing = true)
    AccessLogs accessLog() {
        return new AccessLogs();
    }

    /** Health component {@code kafka} (in the ingest service's readiness group). */
    @Bean
    KafkaHealth kafkaHealthIndicator(KafkaAdmin kafka) {
        return new KafkaHealth(kafka);
    }

    /** Client addresses from {@code X-Forwarded-For} of trusted proxies only ({@code pushway.forwarded.*}). */
    @Bean
    TrustedProxies trustedProxies(ForwardedProperties properties) {
        return new TrustedProxies(properties);
    }

    /** Not-ready but serving for {@code pushway.shutdown.drain-delay} before the graceful shutdown. */
    @Bean
    ShutdownDrain shutdownDrain(ApplicationContext context, ShutdownProperties properties) {
        return new ShutdownDrain(context, properties);
    }

    /**
     * Puts the token decoder Spring Boot configures ({@code spring.security.oauth2.resourceserver.jwt.*})
     * behind a {@link CachingJwtDecoder} ({@code pushway.token-cache.*}). Static, and its dependencies
     * looked up only when the decoder is made, so that no bean is created early for it.
     */
    @Bean
    static BeanPostProcessor tokenCache(ObjectProvider<TokenCacheProperties> properties, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ReactiveJwtDecoder decoder
                        ? CachingJwtDecoder.wrap(decoder, properties.getObject(), clock.getObject(), meters.getObject())
                        : bean;
            }
        };
    }

    @Bean
    TokenBuckets tokenBuckets(ReactiveStringRedisTemplate redis, RedisCalls calls, Clock clock) {
        return new TokenBuckets(redis, calls, clock);
    }

    /** 5xx problems, with trace ids, outside annotated controllers. */
    @Bean
    ServerErrors serverErrors(JsonMapper json, ObjectProvider<Tracer> tracer) {
        return new ServerErrors(json, new TraceIds(tracer.getIfAvailable(() -> Tracer.NOOP)));
    }

    /** Spring Security's strict firewall, with a fast path for printable ASCII headers ({@link Firewalls}). */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return Firewalls.strict();
    }

    /**
     * Requests Spring Security's firewall refuses before any handler (see {@link Problems#notAllowed()})
     * get a 400 problem instead of an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests(JsonMapper json) {
        return (exchange, e) -> ProblemResponses.write(exchange, Problems.notAllowed(), json);
    }

    /**
     * Reactive Redis commands time out like blocking ones ({@code spring.data.redis.timeout}): without
     * this, a command caught in a connection drop can wait forever and stall whatever waits on it.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer redisCommandTimeouts() {
        return options -> options.timeoutOptions(TimeoutOptions.enabled());
    }

    /** Redis connections send the commands of one event-loop turn together ({@link RedisFlushConsolidation}). */
    @Bean
    ClientResourcesBuilderCustomizer redisFlushConsolidation() {
        return resources -> resources.nettyCustomizer(new RedisFlushConsolidation());
    }
}
