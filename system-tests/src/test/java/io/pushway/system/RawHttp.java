package io.pushway.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over a TLS socket that trusts the stack's CA, for requests no well-behaved client sends:
 * CR/LF, NUL and raw bytes in header values or the request target, folded headers, broken framing,
 * WebSocket handshakes. The request is written exactly as given — characters up to U+00FF as single
 * bytes (so a test can send any byte), others as UTF-8 — with {@code Host}, and with
 * {@code Content-Length} and {@code Connection: close} unless the request sets framing itself.
 * After a 101 the first WebSocket frame is read (the close frame of a refused stream).
 */
final class RawHttp {

    static final String TRANSPORT = "HTTP/1.1 raw";

    private RawHttp() {
    }

    static Answer exchange(SSLContext tls, int port, Request request, Duration timeout) {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(bytes(head(request, port)));
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            return Answer.failed(TRANSPORT, e);
        }
    }

    private static String head(Request request, int port) {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(" HTTP/1.1\r\nHost: localhost:").append(port).append("\r\n");
        request.headers().forEach(h -> head.append(h.name()).append(": ").append(h.value()).append("\r\n"));
        boolean framed = request.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Length")
                || h.name().equalsIgnoreCase("Transfer-Encoding"));
        if (!framed && request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        if (!request.isWebSocket()) {
            head.append("Connection: close\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text.codePoints().forEach(c -> out.writeBytes(c <= 0xFF ? new byte[] {(byte) c}
                : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    private static Answer read(InputStream in) throws IOException {
        List<String> lines = headLines(in);
        if (lines.isEmpty()) {
            return new Answer(TRANSPORT, 0, Map.of(), "connection closed without an answer", -1, "");
        }
        int status = Integer.parseInt(lines.get(0).split(" ", 3)[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        if (status == 101) {
            return closeFrame(in, headers);
        }
        String contentType = headers.getOrDefault("content-type", List.of("")).get(0);
        String body = contentType.startsWith("text/event-stream") ? "" : new String(body(in, headers), StandardCharsets.UTF_8);
        return new Answer(TRANSPORT, status, headers, body, -1, "");
    }

    private static List<String> headLines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = line(in)) != null && !line.isEmpty(); ) {
            lines.add(line);
        }
        return lines;
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        }
        if (!headers.getOrDefault("transfer-encoding", List.of("")).get(0).contains("chunked")) {
            return in.readAllBytes();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
            body.writeBytes(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    /** One line without its line end, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    /** The first frame after the upgrade: a close frame's code and reason, or the text of another frame. */
    private static Answer closeFrame(InputStream in, Map<String, List<String>> headers) throws IOException {
        int first = in.read();
        int length = in.read() & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            throw new IOException("unexpectedly large first WebSocket frame");
        }
        byte[] payload = in.readNBytes(length);
        if ((first & 0x0F) != 0x8) {
            return new Answer(TRANSPORT, 101, headers, new String(payload, StandardCharsets.UTF_8), -1, "");
        }
        int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        return new Answer(TRANSPORT, 101, headers, "", code, reason);
    }
}
