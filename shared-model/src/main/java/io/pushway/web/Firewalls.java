package io.pushway.web;

import java.util.function.Predicate;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall, as it is by default, with a fast path in its checks of header
 * names, header values and parameter names: a string of printable ASCII (and tabs, in a header value)
 * passes at once, anything else still goes to Spring's own check. Spring's checks match a Unicode
 * regular expression against every header the application reads (assigned code points, no control
 * characters), 3 % of ingest's CPU per publish (performance.md, fifteenth session); for printable
 * ASCII its answer is always yes, so the fast path changes no outcome.
 */
public final class Firewalls {

    private Firewalls() {
    }

    /** The firewall both services' security chains use. */
    public static StrictServerWebExchangeFirewall strict() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(printableOr(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, false));
        firewall.setAllowedHeaderValues(printableOr(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, true));
        firewall.setAllowedParameterNames(printableOr(StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES, false));
        return firewall;
    }

    /** True for null or printable ASCII (and tabs, if {@code tab}); otherwise what {@code exact} says. */
    static Predicate<String> printableOr(Predicate<String> exact, boolean tab) {
        return s -> s == null || printable(s, tab) || exact.test(s);
    }

    private static boolean printable(String s, boolean tab) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' || c > '~') && !(tab && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
