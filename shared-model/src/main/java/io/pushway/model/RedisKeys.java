package io.pushway.model;

/**
 * The one Redis key scheme (DESIGN §8). Every key carries a hash tag, and every script touches
 * keys of one hash tag only, so the scheme works unchanged on Redis Cluster.
 *
 * <ul>
 *   <li>{@code inbox:{r}} — stream: recipient r's undelivered and unacknowledged messages; entry
 *       fields {@code m} (message id), {@code d} (event data JSON), {@code x} (expiresAt, epoch ms).
 *       Entry ids are the SSE event ids.</li>
 *   <li>{@code seen:{r}} — sorted set: message ids processed for r, scored by the epoch ms until
 *       which their status is retained; dedups redelivered Kafka records.</li>
 *   <li>{@code state:{r}} — hash: message id → {@link StateRecord} text.</li>
 *   <li>{@code events:{r}} — pub/sub channel: live events for r, as
 *       {@code <entry id> <expiresAt epoch ms> <message id> <data>}.</li>
 *   <li>{@code topic:{t}} — stream: the capped history of topic t, entries as in the inbox.</li>
 *   <li>{@code tseen:{t}} — sorted set: message ids published to t (dedup), scored by retention.</li>
 *   <li>{@code tstate:{t}} — hash: message id → {@link StateRecord} text ({@code PUBLISHED}), and
 *       {@code <message id>:n} → the number of streams the message was written to.</li>
 *   <li>{@code tevents:{t}} — pub/sub channel: live events of topic t, formatted as on {@code events:{r}}.</li>
 *   <li>{@code idem:{h}}, {@code rl:{h}} — idempotency claims and publish rate-limit buckets, keyed by
 *       {@link #hashed} digests of the publisher (and key).</li>
 *   <li>{@code msg:{id}} — hash: the message record (publisher, createdAt, expiresAt, recipients or
 *       topic); its existence means ACCEPTED.</li>
 * </ul>
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static String inbox(String recipient) {
        return "inbox:{" + recipient + "}";
    }

    public static String seen(String recipient) {
        return "seen:{" + recipient + "}";
    }

    public static String state(String recipient) {
        return "state:{" + recipient + "}";
    }

    public static String events(String recipient) {
        return "events:{" + recipient + "}";
    }

    public static String topic(String topic) {
        return "topic:{" + topic + "}";
    }

    public static String topicSeen(String topic) {
        return "tseen:{" + topic + "}";
    }

    public static String topicState(String topic) {
        return "tstate:{" + topic + "}";
    }

    public static String topicEvents(String topic) {
        return "tevents:{" + topic + "}";
    }

    /**
     * A key {@code <prefix>:{sha256(parts)}} for values named by caller-chosen strings (token subjects,
     * idempotency keys): hashing keeps arbitrary text out of key names and hash tags. Parts are
     * separated by a NUL byte, so ("ab","c") and ("a","bc") differ.
     */
    public static String hashed(String prefix, String... parts) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sha.update((byte) 0);
                }
                sha.update(parts[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return prefix + ":{" + java.util.HexFormat.of().formatHex(sha.digest()) + "}";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code tstate:{t}} field counting the streams message {@code messageId} reached. */
    public static String reachField(String messageId) {
        return messageId + ":n";
    }

    public static String message(String messageId) {
        return "msg:{" + messageId + "}";
    }

    /** Fields of the {@code msg:{id}} hash. */
    public static final class MessageFields {
        public static final String PUBLISHER = "publisher";
        public static final String CREATED_AT = "createdAt";
        public static final String EXPIRES_AT = "expiresAt";
        /** JSON array of recipient ids, in request order (direct messages). */
        public static final String RECIPIENTS = "recipients";
        /** The topic name (topic messages). */
        public static final String TOPIC = "topic";

        private MessageFields() {
        }
    }
}
