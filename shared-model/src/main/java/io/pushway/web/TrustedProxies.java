package io.pushway.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.http.server.ConnectionInfo;
import reactor.netty.http.server.HttpServer;

/**
 * The client's address behind trusted proxies ({@code pushway.forwarded.trusted-proxies}): when a
 * request comes from one of them, its remote address becomes the last {@code X-Forwarded-For} entry —
 * the address that proxy saw; from anywhere else the header is ignored, so clients that reach a service
 * directly cannot choose the address their per-address limits and access log lines are counted under.
 * The forwarded address is unresolved (never looked up). Off while the list is empty. Use this instead
 * of {@code server.forward-headers-strategy}, which trusts every sender.
 */
final class TrustedProxies implements NettyServerCustomizer {

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final List<Range> proxies;

    TrustedProxies(ForwardedProperties properties) {
        this.proxies = properties.trustedProxies().stream().map(Range::parse).toList();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return proxies.isEmpty() ? server : server.forwarded((info, request) -> {
            String forwarded = request.headers().get("X-Forwarded-For");
            return forwarded != null && isTrusted(info.getRemoteAddress()) ? clientOf(info, forwarded) : info;
        });
    }

    private boolean isTrusted(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return false;
        }
        byte[] address = remote.getAddress().getAddress();
        return proxies.stream().anyMatch(proxy -> proxy.contains(address));
    }

    private static ConnectionInfo clientOf(ConnectionInfo info, String forwarded) {
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        if (last.startsWith("[") && last.endsWith("]")) {
            last = last.substring(1, last.length() - 1);
        }
        return IP.matcher(last).matches()
                ? info.withRemoteAddress(InetSocketAddress.createUnresolved(last, info.getRemoteAddress().getPort()))
                : info;
    }

    /** An address ({@code 10.0.0.7}) or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    record Range(byte[] network, int bits) {

        static Range parse(String text) {
            String[] parts = text.trim().split("/", 2);
            if (!IP.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("pushway.forwarded.trusted-proxies: not an IP address or range: " + text);
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("pushway.forwarded.trusted-proxies: bad prefix length: " + text);
                }
                return new Range(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("pushway.forwarded.trusted-proxies: not an IP address or range: " + text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = 0xff << Math.max(0, 8 - (bits - bit)) & 0xff;
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
