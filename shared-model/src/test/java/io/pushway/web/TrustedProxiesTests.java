package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pushway.web.TrustedProxies.Range;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TrustedProxiesTests {

    @Test
    void rangesMatchTheirAddressesOnly() throws Exception {
        assertThat(contains("10.0.0.0/8", "10.200.3.4")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(contains("192.168.4.0/22", "192.168.7.255")).isTrue();
        assertThat(contains("192.168.4.0/22", "192.168.8.0")).isFalse();
        assertThat(contains("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(contains("127.0.0.1", "127.0.0.2")).isFalse();
        assertThat(contains("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(contains("fd00::/8", "fd12::1")).isTrue();
        assertThat(contains("fd00::/8", "10.0.0.1")).as("other family").isFalse();
    }

    @Test
    void hostNamesAndBadPrefixesAreRefusedAtStartup() {
        assertThatIllegalArgumentException().isThrownBy(() -> Range.parse("proxy.example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> Range.parse("10.0.0.0/33"));
        assertThatIllegalArgumentException().isThrownBy(() -> Range.parse("10.0.0.0/x"));
    }

    private static boolean contains(String range, String address) throws Exception {
        return Range.parse(range).contains(InetAddress.getByName(address).getAddress());
    }
}
