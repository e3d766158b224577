package io.pushway.bench;

import java.util.List;

/**
 * Request bodies. Every message's payload is {@code {"b":tag,"n":seq,"t":micros}}: the tag of the
 * measurement it belongs to (deliveries of other tags are ignored), its sequence number and its
 * intended send time in epoch microseconds. Messages live 10 minutes ({@code ttlSeconds}).
 */
final class Payloads {

    private Payloads() {
    }

    static String toRecipient(String recipient, String tag, long seq, long micros) {
        return "{\"recipients\":[\"" + recipient + "\"]," + rest(tag, seq, micros);
    }

    static String toTopic(String topic, String tag, long seq, long micros) {
        return "{\"topic\":\"" + topic + "\"," + rest(tag, seq, micros);
    }

    static String batch(List<String> messages) {
        return "{\"messages\":[" + String.join(",", messages) + "]}";
    }

    private static String rest(String tag, long seq, long micros) {
        return "\"payload\":{\"b\":\"" + tag + "\",\"n\":" + seq + ",\"t\":" + micros + "},\"ttlSeconds\":600}";
    }
}
