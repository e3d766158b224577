package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushway.ingest.status.MessageRecord;
import io.pushway.ingest.status.MessageRecords;
import io.pushway.model.Envelope;
import io.pushway.model.Ids;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.model.TopicAccess;
import io.pushway.web.ProblemHandler;
import io.pushway.web.Problems;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidDefinitionException;

/**
 * What the publish fuzz targets share: the real parsing, validation and preparation of a request
 * (JSON mapper, Bean Validation, {@link Publishing}) with in-memory ports, and the properties every
 * outcome must have — an accepted message keeps the request's invariants, a rejection is a 4xx
 * problem whose messages are ours (input is never echoed).
 */
final class PublishFuzzing {

    static final Instant NOW = Instant.parse("2026-11-25T18:00:00.123Z");
    static final String PUBLISHER = "backend";
    /** The caller's {@code push_topics}: some topics pass, others are 403. */
    static final List<String> TOPICS = List.of("news.*", "alerts");
    /** A publisher whose token limits it to {@link #TOPICS}. */
    static final JwtAuthenticationToken CALLER = new JwtAuthenticationToken(Jwt.withTokenValue("token")
            .header("alg", "RS256").subject(PUBLISHER).claim(TopicAccess.CLAIM, TOPICS).build());
    static final MockServerWebExchange BATCH_EXCHANGE =
            MockServerWebExchange.from(MockServerHttpRequest.post("https://localhost:8443/api/v1/messages/batch"));
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static final Duration DEFAULT_TTL = Duration.ofHours(24);
    private static final Duration MAX_TTL = Duration.ofDays(7);
    /** Where a field error may point: the request's own fields, never a name taken from the input. */
    private static final Pattern KNOWN_PATH = Pattern.compile(
            "|messages|messages\\[\\d+]|recipients|recipients\\[\\d+]|topic|payload|ttlSeconds|priority");
    /** Every message a rejected publish may carry: ours, never the parser's (which quote the input). */
    private static final Set<String> KNOWN_MESSAGES = Set.of(
            "unknown field", "has the wrong type or value", "priority must be \"normal\" or \"high\"",
            "must list 1 to 1000 recipients", "must not be null", "must match " + Ids.REGEX, "is required",
            "must not hold numbers beyond double range", "must be at most 65536 bytes serialized",
            "must be at least 1", "must be at most 604800", "exactly one of recipients and topic is required",
            "repeats an earlier recipient", "must list 1 to " + BatchController.MAX_ITEMS + " messages");
    /** JSON values compared with numbers by value: {@code -0.5e1} is {@code -5}. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private PublishFuzzing() {
    }

    /** The publish use case with a fixed clock; records and Kafka accept everything. */
    static Publishing publishing() {
        return new Publishing(new AcceptingRecords(), null, envelopes -> Mono.empty(), PublishingTests.kafkaCalls(),
                BulkheadRegistry.ofDefaults(), new PublishProperties(DEFAULT_TTL, Duration.ofDays(7)),
                Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    /** The batch endpoint on {@link #publishing()}. */
    static BatchController batches() {
        return new BatchController(publishing(), VALIDATOR, JsonCodec.mapper());
    }

    /**
     * The problem for a body the JSON codec could not read, as WebFlux and {@link ProblemHandler}
     * produce it: malformed JSON (including broken nesting or size limits, wherever they are hit) is
     * {@code malformed-json}; a number that does not fit its field ({@link InputCoercionException}) is
     * a {@code validation} error at that field; an {@link InvalidDefinitionException} would be a
     * server-side 500.
     */
    static ProblemDetail unreadable(JacksonException e) {
        assertThat(e).isNotInstanceOf(InvalidDefinitionException.class);
        ProblemDetail problem = ProblemHandler.unreadableJson(e);
        if (e instanceof InputCoercionException) {
            assertThat(problem.getType()).isEqualTo(Problems.VALIDATION);
        } else if (e instanceof StreamReadException || e instanceof StreamConstraintsException
                || e.getCause() instanceof StreamConstraintsException) {
            assertThat(problem.getType()).isEqualTo(Problems.MALFORMED_JSON);
        }
        return problem;
    }

    /** A rejection the client caused: a 400 with our own messages at request paths, or a topic 403. */
    static void assertClientError(ProblemDetail problem) {
        assertThat(problem.getStatus()).isIn(HttpStatus.BAD_REQUEST.value(), HttpStatus.FORBIDDEN.value());
        if (problem.getType().equals(Problems.MALFORMED_JSON) || problem.getType().equals(Problems.FORBIDDEN)) {
            return;
        }
        assertThat(problem.getType()).isEqualTo(Problems.VALIDATION);
        @SuppressWarnings("unchecked")
        List<Problems.FieldError> errors = (List<Problems.FieldError>) problem.getProperties().get("errors");
        assertThat(errors).isNotEmpty().allSatisfy(error -> {
            assertThat(error.message()).isIn(KNOWN_MESSAGES);
            // An unknown field is named in the path as sent (reported, not enforced here).
            if (!error.message().equals("unknown field")) {
                assertThat(error.path()).matches(KNOWN_PATH);
            }
        });
    }

    /** An accepted request became one message with a new id and one envelope per addressee. */
    static void assertPrepared(Publishing.Message message, PublishRequest request) {
        assertThat(MessageIds.isValid(message.id())).isTrue();
        List<String> addressees = request.topic() != null ? List.of(request.topic()) : request.recipients();
        assertThat(addressees).hasSizeBetween(1, 1000).doesNotHaveDuplicates().allMatch(Ids::isValid);
        assertThat(message.envelopes()).extracting(Envelope::routingKey).isEqualTo(addressees);
        Duration ttl = request.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(request.ttlSeconds());
        assertThat(ttl).isPositive().isLessThanOrEqualTo(MAX_TTL);
        assertThat(message.envelopes()).allSatisfy(envelope -> {
            assertThat(envelope.id()).isEqualTo(message.id());
            assertThat(envelope.payload()).isEqualTo(request.payload());
            assertThat(envelope.expiresAt()).isEqualTo(NOW.plus(ttl));
            // What ingest writes to Kafka, delivery must read back unchanged.
            Envelope decoded = JsonCodec.decode(JsonCodec.encode(envelope));
            assertThat(decoded).usingRecursiveComparison().ignoringFields("payload").isEqualTo(envelope);
            assertThat(decoded.payload().equals(SAME_VALUE, envelope.payload())).as("payload %s", decoded.payload())
                    .isTrue();
        });
    }

    private static final class AcceptingRecords implements MessageRecords {

        @Override
        public Mono<Void> save(List<MessageRecord> records, Duration retention) {
            return Mono.empty();
        }

        @Override
        public Mono<MessageRecord> find(String id) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> delete(List<String> ids) {
            return Mono.empty();
        }
    }
}
