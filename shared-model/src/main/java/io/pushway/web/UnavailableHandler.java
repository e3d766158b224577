package io.pushway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ServiceUnavailableException} from where {@link ProblemHandler} does not reach — functional
 * routes (streams, polling) and web filters — as the same 503 problem with {@code Retry-After}, before
 * Boot's error handler would make it a 500. A response already committed (a stream that has started)
 * is left alone: the stream itself ends cleanly.
 */
final class UnavailableHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UnavailableHandler.class);

    private final JsonMapper json;

    UnavailableHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable e) {
        if (!(e instanceof ServiceUnavailableException unavailable) || exchange.getResponse().isCommitted()) {
            return Mono.error(e);
        }
        log.warn("Service unavailable: {}", unavailable.getMessage());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(unavailable.retryAfterSeconds()));
        return ProblemResponses.write(exchange, unavailable.problem(), json);
    }

    /** Before Boot's {@code ErrorWebExceptionHandler} (order -1). */
    @Override
    public int getOrder() {
        return -2;
    }
}
