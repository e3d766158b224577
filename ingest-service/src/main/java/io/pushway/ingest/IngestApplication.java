package io.pushway.ingest;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.pushway.resilience.KafkaCalls;
import io.pushway.web.WebConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Ingest service: {@code POST /api/v1/messages} and {@code GET /api/v1/messages/{id}}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(WebConfiguration.class)
public class IngestApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Guarded Kafka producer calls (only ingest produces; delivery's dead letters go by its error handler). */
    @Bean
    KafkaCalls kafkaCalls(CircuitBreakerRegistry breakers, TimeLimiterRegistry deadlines, RetryRegistry retries) {
        return new KafkaCalls(breakers, deadlines, retries);
    }

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
