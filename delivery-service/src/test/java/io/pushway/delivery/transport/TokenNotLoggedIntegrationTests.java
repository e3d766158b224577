package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.testsupport.SseStream;
import io.pushway.web.AccessLogs;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestKeys;
import io.pushway.testsupport.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A token sent as {@code access_token} never reaches the logs, even with the web and server loggers at
 * DEBUG: the access log shows {@code access_token=***}, and no other line holds the token.
 */
class TokenNotLoggedIntegrationTests extends DeliveryIntegrationTest {

    private static final List<String> DEBUG_LOGGERS = List.of("org.springframework.web", "org.springframework.security",
            "reactor.netty.http.server", AccessLogs.LOGGER);

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> levels = new java.util.HashMap<>();

    @BeforeEach
    void capture() {
        captured.start();
        root().addAppender(captured);
        for (String name : DEBUG_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void release() {
        root().detachAppender(captured);
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void queryTokensAreScrubbedFromEveryLogLine() throws Exception {
        String recipient = "logged-" + UUID.randomUUID();
        String valid = TestTokens.mint(recipient, "push.subscribe");
        String expired = TestTokens.mint(TestKeys.shared(), recipient, Duration.ofMinutes(-5), "push.subscribe");
        String url = "https://localhost:" + port + "/api/v1/stream?access_token=";

        try (SseStream stream = SseStream.open(url + valid, null, null).awaitConnected(Duration.ofSeconds(20))) {
            assertThat(stream.comments()).isPositive();
        }
        TestClients.https(port).get().uri(URI.create("https://localhost:" + port + "/api/v1/inbox?access%5Ftoken=" + expired))
                .exchange().expectStatus().isUnauthorized();

        // The stream's line is written when the stream ends, here because the client went.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(accessLog())
                .anyMatch(line -> line.contains("\"GET /api/v1/stream?access_token=***\" 200 "))
                .anyMatch(line -> line.contains("\"GET /api/v1/inbox?access%5Ftoken=***\" 401 ")));
        assertThat(lines()).noneMatch(line -> line.contains(valid) || line.contains(expired)
                || line.contains(valid.substring(valid.lastIndexOf('.') + 1)));
    }

    private List<String> accessLog() {
        return List.copyOf(captured.list).stream().filter(event -> event.getLoggerName().equals(AccessLogs.LOGGER))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> lines() {
        return List.copyOf(captured.list).stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
