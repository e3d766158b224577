package io.pushway.model;

/** The names of Pushway's Kafka topics, consumer group and record headers; defined only here. */
public final class KafkaNames {

    /** Topic of message envelopes, keyed by recipient id or topic name. */
    public static final String MESSAGES = "push.messages.v1";

    /** Dead-letter topic: records of {@link #MESSAGES} that could not be processed. */
    public static final String DEAD_LETTERS = MESSAGES + ".DLT";

    /** Consumer group of the delivery replicas. */
    public static final String DELIVERY_GROUP = "delivery";

    /** Header carrying the message id, so tools can find a record without decoding it. */
    public static final String HEADER_MESSAGE_ID = "pushway-message-id";

    /** W3C trace context header, propagated from the publish request into delivery. */
    public static final String HEADER_TRACEPARENT = "traceparent";

    private KafkaNames() {
    }
}
