package io.pushway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Takes the {@code access_token} query parameter (browsers' {@code EventSource} and WebSocket cannot
 * set headers) out of the URI before anything else sees the request: its value becomes {@code ***}, so
 * no log line, trace or error message can hold it. Where query tokens are {@linkplain #accept()
 * accepted}, a single token moves into the {@code Authorization} header (unless the request already
 * has one); elsewhere it is dropped, and the request is as unauthenticated as it would be without it.
 */
public final class QueryTokens implements HttpHandlerDecoratorFactory {

    private static final String PARAMETER = "access_token";
    private static final String SCRUBBED = "***";

    private final boolean accept;

    private QueryTokens(boolean accept) {
        this.accept = accept;
    }

    /** Query tokens authenticate the request, as if sent in the header. */
    public static QueryTokens accept() {
        return new QueryTokens(true);
    }

    /** Query tokens are scrubbed and ignored. */
    public static QueryTokens discard() {
        return new QueryTokens(false);
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(scrub(request), response);
    }

    ServerHttpRequest scrub(ServerHttpRequest request) {
        URI uri = request.getURI();
        String query = uri.getRawQuery();
        if (query == null || !(query.contains("token") || query.contains("%"))) {
            return request;
        }
        List<String> tokens = new ArrayList<>();
        StringJoiner scrubbed = new StringJoiner("&");
        for (String parameter : query.split("&", -1)) {
            String[] pair = parameter.split("=", 2);
            if (PARAMETER.equals(decode(pair[0]))) {
                tokens.add(pair.length == 2 ? decode(pair[1]) : "");
                scrubbed.add(pair[0] + "=" + SCRUBBED);
            } else {
                scrubbed.add(parameter);
            }
        }
        if (tokens.isEmpty()) {
            return request;
        }
        ServerHttpRequest.Builder mutated = request.mutate().uri(withQuery(uri, scrubbed.toString()));
        if (accept && tokens.size() == 1 && !tokens.get(0).isEmpty()
                && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            mutated.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(0));
        }
        return mutated.build();
    }

    private static URI withQuery(URI uri, String rawQuery) {
        try {
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + rawQuery
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a URI that parsed once must parse again", e);
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
