package io.pushway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * 5xx failures from where {@link ProblemHandler} does not reach — functional routes (streams, polling)
 * and web filters — as the same problems, before Boot's error handler would answer a non-problem
 * body: {@link ServiceUnavailableException} as 503 with {@code Retry-After}, anything unexpected as
 * 500; both logged with the trace id the problem carries. Errors that already name their status
 * (4xx from the framework) pass on. A response already committed (a stream that has started) is left
 * alone: the stream itself ends.
 */
final class ServerErrors implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ServerErrors.class);

    private final JsonMapper json;
    private final TraceIds traceIds;

    ServerErrors(JsonMapper json, TraceIds traceIds) {
        this.json = json;
        this.traceIds = traceIds;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable e) {
        if (exchange.getResponse().isCommitted() || e instanceof ErrorResponse) {
            return Mono.error(e);
        }
        return Mono.deferContextual(context -> TraceIds.inScope(context, () -> answer(exchange, e)));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable e) {
        if (e instanceof ServiceUnavailableException unavailable) {
            ProblemDetail problem = unavailable.problem();
            log.warn("Service unavailable, trace id {}: {}", traceIds.stamp(problem), unavailable.getMessage());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(unavailable.retryAfterSeconds()));
            return ProblemResponses.write(exchange, problem, json);
        }
        ProblemDetail problem = Problems.internal();
        log.error("Unexpected failure, trace id {}", traceIds.stamp(problem), e);
        return ProblemResponses.write(exchange, problem, json);
    }

    /** Before Boot's {@code ErrorWebExceptionHandler} (order -1). */
    @Override
    public int getOrder() {
        return -2;
    }
}
