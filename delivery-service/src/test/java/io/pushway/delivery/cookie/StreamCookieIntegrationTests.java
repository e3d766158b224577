package io.pushway.delivery.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.delivery.DeliveryIntegrationTest;
import io.pushway.model.Envelope;
import io.pushway.testsupport.SseStream;
import io.pushway.testsupport.TestClients;
import io.pushway.testsupport.TestKeys;
import io.pushway.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A browser page exchanges its token for the stream cookie and opens an {@code EventSource} with no
 * token in the URL; the cookie works for the SSE stream and nowhere else.
 */
class StreamCookieIntegrationTests extends DeliveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NAME = "__Secure-pushway-stream";

    private WebTestClient http;

    private final String recipient = "cookie-" + UUID.randomUUID();
    private final String token = TestTokens.mint(recipient, "push.subscribe");

    @BeforeEach
    void client() {
        http = TestClients.https(port);
    }

    @Test
    void theCookieIsHttpOnlySecureStrictScopedToTheStreamAndExpiresWithTheToken() {
        String setCookie = setCookie(token);

        ResponseCookie cookie = parse(setCookie);
        assertThat(cookie.getValue()).isEqualTo(token);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/api/v1/stream");
        assertThat(cookie.getMaxAge()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60));
    }

    @Test
    void theSseStreamAcceptsTheCookieInsteadOfAToken() throws Exception {
        String cookie = NAME + "=" + parse(setCookie(token)).getValue();

        try (SseStream stream = SseStream.open(url(), headers -> headers.set(HttpHeaders.COOKIE, cookie))
                .awaitConnected(WAIT)) {
            Envelope sent = send(envelope(recipient, "{\"via\":\"cookie\"}"));
            ServerSentEvent<String> event = stream.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(event.data()).contains(sent.id());
        }
    }

    @Test
    void theCookieIsNotAcceptedAnywhereElse() {
        String cookie = NAME + "=" + token;
        http.get().uri("/api/v1/inbox").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/ws").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/messages/" + UUID.randomUUID() + "/ack").header(HttpHeaders.COOKIE, cookie)
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/stream/cookie").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aCookieWithAnExpiredOrForgedTokenIsRefused() {
        String expired = TestTokens.mint(TestKeys.shared(), recipient, Duration.ofMinutes(-5), "push.subscribe");
        for (String value : new String[] {expired, token.substring(0, token.length() - 4) + "AAAA", "not-a-jwt"}) {
            http.get().uri("/api/v1/stream").header(HttpHeaders.COOKIE, NAME + "=" + value)
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void settingNeedsTheSubscribeScopeAndClearingNeedsNoToken() {
        http.post().uri("/api/v1/stream/cookie").headers(h -> h.setBearerAuth(TestTokens.mint(recipient, "push.publish")))
                .exchange().expectStatus().isForbidden().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);

        String cleared = http.delete().uri("/api/v1/stream/cookie").exchange().expectStatus().isNoContent()
                .returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(parse(cleared).getValue()).isEmpty();
        assertThat(parse(cleared).getMaxAge()).isZero();
    }

    private String url() {
        return "https://localhost:" + port + "/api/v1/stream";
    }

    private String setCookie(String bearer) {
        return http.post().uri("/api/v1/stream/cookie").headers(h -> h.setBearerAuth(bearer))
                .exchange().expectStatus().isNoContent()
                .returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
    }

    /** Parses a {@code Set-Cookie} value as a browser would read its attributes. */
    private static ResponseCookie parse(String header) {
        assertThat(header).startsWith(NAME + "=");
        String[] parts = header.split(";\\s*");
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(NAME, parts[0].substring(NAME.length() + 1));
        for (int i = 1; i < parts.length; i++) {
            String[] attribute = parts[i].split("=", 2);
            switch (attribute[0].toLowerCase()) {
                case "path" -> cookie.path(attribute[1]);
                case "max-age" -> cookie.maxAge(Long.parseLong(attribute[1]));
                case "secure" -> cookie.secure(true);
                case "httponly" -> cookie.httpOnly(true);
                case "samesite" -> cookie.sameSite(attribute[1]);
                default -> { }
            }
        }
        return cookie.build();
    }
}
