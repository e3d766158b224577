package io.pushway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem where {@link ProblemHandler} does not reach: from web filters (security, rate
 * limits) straight to the exchange, and from functional routes as a {@link ServerResponse}.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Writes {@code problem} as the whole response of {@code exchange}; headers set before are kept. */
    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, JsonMapper json) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
    }

    /** A {@code 429} rate-limited problem with {@code Retry-After}, for an empty token bucket. */
    public static Mono<Void> tooManyRequests(ServerWebExchange exchange, JsonMapper json, TokenBuckets.Decision decision,
            String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
        return write(exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "Too many requests",
                detail), json);
    }

    /** {@code problem} as the answer of a functional route. */
    public static Mono<ServerResponse> of(ProblemDetail problem) {
        return ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem);
    }
}
