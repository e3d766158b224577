package io.pushway.model;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON configuration of Pushway (Jackson 3), used for Kafka envelopes, Redis values and —
 * through {@link #configure} — the services' HTTP codecs.
 *
 * <p>Strict by design: unknown properties, repeated property names, trailing tokens, scalar
 * coercion ("1" for 1, 1 or true for "1", 1.5 for an integer) and nulls for primitives are rejected;
 * nesting is limited to {@value #MAX_NESTING_DEPTH} levels and strings to {@value #MAX_STRING_LENGTH}
 * characters. Instants are ISO-8601 strings. Thread-safe.
 */
public final class JsonCodec {

    /** Deepest JSON nesting accepted anywhere, payloads included. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Longest JSON string accepted (characters); payload size is limited separately. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    private static final JsonMapper MAPPER = configure(JsonMapper.builder(factory())).build();

    private JsonCodec() {
    }

    /** The shared mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The JSON factory with Pushway's read limits. */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                .build();
    }

    /** Applies Pushway's settings to a mapper builder (also used for Spring's HTTP codecs). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Encodes an envelope as UTF-8 JSON. */
    public static byte[] encode(Envelope envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    /**
     * Decodes an envelope.
     *
     * @throws tools.jackson.core.JacksonException when the bytes are not a valid envelope
     * @throws IllegalArgumentException when the envelope breaks its invariants
     */
    public static Envelope decode(byte[] json) {
        return MAPPER.readValue(json, Envelope.class);
    }
}
