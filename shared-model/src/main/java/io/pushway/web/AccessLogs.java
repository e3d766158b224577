package io.pushway.web;

import java.net.InetSocketAddress;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The access log (logger {@value #LOGGER}, level INFO): one line per request when it ends, streams
 * included, probes and scrapes of {@code /actuator} excluded:
 * {@code address "METHOD uri" status duration-ms outcome}, outcome {@code ok}, {@code cancel} or
 * {@code on_error}; in the request's trace ({@link TraceIds#inScope}). Headers (and so {@code Authorization} and cookies) are never logged, and
 * {@link QueryTokens} has already replaced any {@code access_token} in the URI by {@code ***}.
 */
public final class AccessLogs implements WebFilter, Ordered {

    /** The logger's name. */
    public static final String LOGGER = "io.pushway.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    /** First of all filters, so rejections by later ones (limits, security) are logged too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled() || exchange.getRequest().getPath().value().startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        return Mono.deferContextual(context -> chain.filter(exchange)
                .doFinally(signal -> TraceIds.inScope(context, () -> log(exchange, signal, started))));
    }

    private static void log(ServerWebExchange exchange, SignalType signal, long started) {
        var request = exchange.getRequest();
        InetSocketAddress remote = request.getRemoteAddress();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        log.info("{} \"{} {}\" {} {}ms {}", remote == null ? "-" : remote.getHostString(), request.getMethod(),
                request.getURI().getRawPath() + (request.getURI().getRawQuery() == null ? ""
                        : "?" + request.getURI().getRawQuery()),
                status == null ? "-" : status.value(), (System.nanoTime() - started) / 1_000_000,
                signal == SignalType.ON_COMPLETE ? "ok" : signal.toString().toLowerCase(Locale.ROOT));
    }
}
