package io.pushway.ingest;

import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.WithInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of ingest integration tests: the real service over HTTPS on a random port, against real Kafka
 * and Redis. Every subclass shares one Spring context and one infrastructure.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pushway.cors.allowed-origins=" + IngestIntegrationTest.APP_ORIGIN,
            // Certificates replaced on disk are picked up after 1 s instead of 10 s.
            "spring.ssl.bundle.watch.file.quiet-period=1s"})
public abstract class IngestIntegrationTest {

    /** The one origin the tests allow for cross-origin browser calls. */
    protected static final String APP_ORIGIN = "https://app.example";

    @LocalServerPort
    protected int port;

    @Autowired
    protected ReactiveStringRedisTemplate redis;

    protected WebTestClient http;

    @BeforeEach
    void client() {
        http = TestClients.https(port);
    }
}
