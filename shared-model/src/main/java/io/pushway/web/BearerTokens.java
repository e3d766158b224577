package io.pushway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the bearer token in the {@code Authorization} header, with the outcomes of Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} as configured by default (no query or form tokens;
 * {@link QueryTokens} moves an accepted query token into the header): no header, or one that does not
 * start with {@code bearer} in any case, is no token; {@code Bearer <token68>} (RFC 6750 §2.1: letters,
 * digits and {@code -._~+/}, then any {@code =}; the scheme in any case, one space) is the token; any
 * other header starting with {@code bearer} is refused as {@code invalid_token}.
 *
 * <p>It reads the header with one pass over its characters: Spring's converter matches a regular
 * expression and merges three possible sources per request, 3 % of ingest's CPU per publish
 * (performance.md, fifteenth session). {@code BearerTokensTests} checks the outcomes are Spring's.
 */
public final class BearerTokens implements ServerAuthenticationConverter {

    /** A header starting with this, in any case, is meant as a bearer token (Spring's test). */
    private static final String BEARER = "bearer";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        // No character outside ASCII folds to one of "bearer", so this is the regular expression's
        // ASCII-only case-insensitive match of the scheme as well.
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.empty();
        }
        String token = token(header);
        return token == null
                ? Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")))
                : Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /**
     * The token of a header that starts with {@code bearer} in any case, or null unless the rest is one
     * space and a token68.
     */
    private static String token(String header) {
        int start = BEARER.length() + 1;
        if (header.length() <= start || header.charAt(BEARER.length()) != ' ') {
            return null;
        }
        int i = start;
        while (i < header.length() && isTokenChar(header.charAt(i))) {
            i++;
        }
        if (i == start) {
            return null;
        }
        while (i < header.length() && header.charAt(i) == '=') {
            i++;
        }
        return i == header.length() ? header.substring(start) : null;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
