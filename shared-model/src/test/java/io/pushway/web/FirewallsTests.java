package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/** {@link Firewalls}' fast path changes no answer of Spring Security's firewall checks. */
class FirewallsTests {

    private static final String ALPHABET = "aZ0 ~!\t\n\r\u0000\u001F\u007F\u0080\u009F\u00A0\u00e9\u0378\uD83D\uDE00\uD800\uFFFF";

    @Test
    void theChecksAnswerAsSpringSecuritysDo() {
        List<String> strings = new ArrayList<>(List.of("", "application/json", "Bearer abc.def", "a\tb", "\u00e9t\u00e9"));
        Random random = new Random(20261128);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            strings.add(s.toString());
        }
        assertSameAnswers(Firewalls.printableOr(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, false),
                StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, strings);
        assertSameAnswers(Firewalls.printableOr(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, true),
                StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, strings);
    }

    @Test
    void aHeaderWithAControlCharacterIsStillRejected() {
        ServerWebExchange exchange = Firewalls.strict().getFirewalledExchange(MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/stream").header("X-Note", "a\u0007b").header("Accept", "text/event-stream")))
                .block();

        assertThat(exchange.getRequest().getHeaders().getFirst("Accept")).isEqualTo("text/event-stream");
        assertThatThrownBy(() -> exchange.getRequest().getHeaders().getFirst("X-Note"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    private static void assertSameAnswers(Predicate<String> ours, Predicate<String> springs, List<String> strings) {
        for (String s : strings) {
            assertThat(ours.test(s)).as("%s", s.chars().mapToObj(Integer::toHexString).toList()).isEqualTo(springs.test(s));
        }
        assertThat(ours.test(null)).isTrue();
    }
}
