package io.pushway.ingest;

import io.pushway.web.WebConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Ingest service: {@code POST /api/v1/messages} and {@code GET /api/v1/messages/{id}}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(WebConfiguration.class)
public class IngestApplication {

    @org.springframework.context.annotation.Bean
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
