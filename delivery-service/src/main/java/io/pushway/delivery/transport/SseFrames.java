package io.pushway.delivery.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Server-Sent Events as bytes, one buffer per event from the connection's allocator, in the format of
 * Spring's {@code ServerSentEventHttpMessageWriter}: {@code id}, {@code event}, {@code retry}, the
 * comment, then {@code data} (a line break in a comment or data — CR LF, CR or LF — continues it on a new
 * {@code :} or {@code data:} line), and a blank line that ends the event.
 *
 * <p>Why not Spring's writer: it builds each event as a string, copies it into a byte array and wraps that,
 * and writes every event as a group of its own, flushed on its own ({@code writeAndFlushWith}) — per event
 * and stream an inner subscription, a string, an array and a copy into the TLS engine's direct memory. A
 * fan-out to 5,000 streams of a replica made that garbage 5,000 times, and the collector was then close to
 * half the replica's CPU (docs/performance.md, twenty-first session). Here a stream is one write of many
 * buffers ({@code writeWith}), which Reactor Netty flushes whenever it has written all that was ready.
 */
final class SseFrames {

    /** {@code text/event-stream;charset=UTF-8}, as Spring's writer answers. */
    static final MediaType MEDIA_TYPE = new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8);

    private SseFrames() {
    }

    /** The event as one buffer; the caller (the response) releases it once written. */
    static DataBuffer encode(ServerSentEvent<String> sse, DataBufferFactory buffers) {
        String id = sse.id();
        String event = sse.event();
        Duration retry = sse.retry();
        String comment = sse.comment();
        String data = sse.data();
        DataBuffer buffer = buffers.allocateBuffer(16 + length(id) + length(event) + length(comment) + length(data));
        if (id != null) {
            field(buffer, "id:", id);
        }
        if (event != null) {
            field(buffer, "event:", event);
        }
        if (retry != null) {
            field(buffer, "retry:", Long.toString(retry.toMillis()));
        }
        if (comment != null) {
            field(buffer, ":", continued(comment, "\n:"));
        }
        if (data != null) {
            field(buffer, "data:", continued(data, "\ndata:"));
        }
        return buffer.write((byte) '\n');
    }

    private static void field(DataBuffer buffer, String name, String value) {
        buffer.write(name, StandardCharsets.US_ASCII);
        buffer.write(value, StandardCharsets.UTF_8);
        buffer.write((byte) '\n');
    }

    /** {@code text} with each line break (CR LF, CR or LF) replaced by {@code lineBreak}. */
    private static String continued(String text, String lineBreak) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder continued = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                continued.append(lineBreak);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                continued.append(c);
            }
        }
        return continued.toString();
    }

    private static int length(String text) {
        return text == null ? 0 : text.length() + 8;
    }
}
