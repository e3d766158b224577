package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.tracing.Tracer;
import io.pushway.model.JsonCodec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.test.StepVerifier;

/** 5xx outside annotated controllers: problem+json with a trace id that the log line names too. */
class ServerErrorsTests {

    private final ServerErrors errors = new ServerErrors(new WebConfiguration().jsonMapper(), new TraceIds(Tracer.NOOP));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ServerErrors.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void unavailableDependencyIsA503ProblemWithRetryAfterAndATraceIdTheLogNames() {
        MockServerWebExchange exchange = exchange();
        StepVerifier.create(errors.handle(exchange, new ServiceUnavailableException("redis did not answer",
                Duration.ofSeconds(5), null))).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        Map<String, Object> problem = body(exchange);
        assertThat(problem).containsEntry("type", Problems.UNAVAILABLE.toString());
        assertThat((String) problem.get(TraceIds.TRACE_ID)).matches("[0-9a-f]{32}");
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains((String) problem.get(TraceIds.TRACE_ID));
    }

    @Test
    void unexpectedFailureIsA500ProblemWithATraceIdTheLogNamesAndNoDetailOfTheCause() {
        MockServerWebExchange exchange = exchange();
        StepVerifier.create(errors.handle(exchange, new IllegalStateException("secret internals"))).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).doesNotContain("secret internals");
        String traceId = (String) body(exchange).get(TraceIds.TRACE_ID);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains(traceId);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internals");
        });
    }

    @Test
    void errorsThatNameTheirStatusAndCommittedResponsesAreLeftToTheFramework() {
        ResponseStatusException notFound = new ResponseStatusException(HttpStatus.NOT_FOUND);
        StepVerifier.create(errors.handle(exchange(), notFound)).verifyErrorMatches(e -> e == notFound);

        MockServerWebExchange committed = exchange();
        committed.getResponse().setComplete().block();
        IllegalStateException late = new IllegalStateException("after the first event");
        StepVerifier.create(errors.handle(committed, late)).verifyErrorMatches(e -> e == late);
        assertThat(logged.list).isEmpty();
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/stream"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(MockServerWebExchange exchange) {
        return JsonCodec.mapper().readValue(exchange.getResponse().getBodyAsString().block(), Map.class);
    }
}
