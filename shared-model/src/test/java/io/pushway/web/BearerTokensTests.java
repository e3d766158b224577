package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

/** {@link BearerTokens} finds what Spring Security's converter finds, and refuses what it refuses. */
class BearerTokensTests {

    private final ServerAuthenticationConverter ours = new BearerTokens();
    private final ServerAuthenticationConverter springs = new ServerBearerTokenAuthenticationConverter();

    @Test
    void aBearerTokenIsFoundWhateverTheCaseOfTheScheme() {
        assertThat(outcome(ours, "Bearer abc.DEF-123_~+/x==")).isEqualTo("token abc.DEF-123_~+/x==");
        assertThat(outcome(ours, "bEaReR a")).isEqualTo("token a");
    }

    @Test
    void noHeaderOrAnotherSchemeIsNoToken() {
        assertThat(outcome(ours, null)).isEqualTo("none");
        assertThat(outcome(ours, "Basic dXNlcjpwYXNz")).isEqualTo("none");
        assertThat(outcome(ours, "Bear abc")).isEqualTo("none");
    }

    @Test
    void aMalformedBearerHeaderIsAnInvalidToken() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer  abc", "Bearer a b", "Bearer =abc", "Bearer a=b",
                "Bearerabc", "Bearer\tabc", "Bearer abc\n", "Bearer ab\u00e9", "Bearer \u212Aey")) {
            assertThat(outcome(ours, header)).as(header)
                    .isEqualTo("error invalid_token Bearer token is malformed");
        }
    }

    @Test
    void everyHeaderHasTheOutcomeSpringSecuritysConverterGivesIt() {
        List<String> headers = new ArrayList<>(List.of("Bearer", "bearer", "BEARER x", "Bearer x=", "Bearer ==",
                "Bearer \u017Fx", "\u212Aearer x", "bearer:x", " Bearer x"));
        Random random = new Random(20261128);
        String[] prefixes = {"Bearer ", "bearer ", "BeArEr ", "Bearer", "Bearer  ", "Basic ", ""};
        String alphabet = "aZ09-._~+/= \t\u00e9\u212A\u017F\n\u0000%,;\"";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder header = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            for (int i = random.nextInt(8); i > 0; i--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(ours, header)).as(header).isEqualTo(outcome(springs, header));
        }
    }

    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/stream");
        if (header != null) {
            request.header(HttpHeaders.AUTHORIZATION, header);
        }
        Mono<Authentication> found = Mono.defer(() -> converter.convert(MockServerWebExchange.from(request)));
        return found.map(a -> "token " + ((BearerTokenAuthenticationToken) a).getToken())
                .onErrorResume(OAuth2AuthenticationException.class, e -> Mono.just(
                        "error " + e.getError().getErrorCode() + " " + e.getError().getDescription()))
                .defaultIfEmpty("none")
                .block();
    }
}
