package io.pushway.ingest.publish;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushway.ingest.idempotency.Claim;
import io.pushway.ingest.idempotency.IdempotencyKeys;
import io.pushway.ingest.status.MessageRecord;
import io.pushway.ingest.status.MessageRecords;
import io.pushway.model.Envelope;
import io.pushway.model.LogFields;
import io.pushway.model.MessageIds;
import io.pushway.model.TopicAccess;
import io.pushway.web.ConflictException;
import io.pushway.web.InvalidRequestException;
import io.pushway.resilience.KafkaCalls;
import io.pushway.web.Problems;
import io.pushway.web.Problems.FieldError;
import io.pushway.web.ServiceUnavailableException;
import io.pushway.web.TraceIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The publish use case: check the cross-field rules, record the message, write its envelopes, and
 * return its id once Kafka holds every one of them.
 *
 * <p>The record is written before Kafka so that the status of an accepted message is never missing;
 * if Kafka fails, the record is removed again and the caller gets a 503 to retry.
 *
 * <p>Resilience: the Kafka write goes through {@link KafkaCalls} (circuit breaker {@code kafka}; its
 * deadline is a backstop, the producer's own {@code max.block.ms} + {@code delivery.timeout.ms} end a
 * send first, so a send is over — written or failed — when the answer is given). At most
 * {@code resilience4j.bulkhead.instances.publish.max-concurrent-calls} writes are in flight per replica;
 * past that a publish is refused at once with a 503 {@code overloaded} problem.
 *
 * <p>Each accepted message is logged at INFO with its id ({@link LogFields#MESSAGE_ID}) and the
 * request's trace id, the same trace its Kafka records carry on to delivery.
 *
 * <p>Metrics: {@code pushway.published{result=accepted|duplicate|unavailable}} (messages),
 * {@code pushway.published.envelopes} (Kafka records written), {@code pushway.publish.write} (time to
 * record a write and have Kafka acknowledge it).
 */
@Component
class Publishing {

    private static final Logger log = LoggerFactory.getLogger(Publishing.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final Duration OVERLOADED_RETRY_AFTER = Duration.ofSeconds(1);

    private final MessageRecords records;
    private final IdempotencyKeys keys;
    private final EnvelopePublisher envelopes;
    private final KafkaCalls kafka;
    private final Bulkhead inFlight;
    private final PublishProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer writes;
    private final Counter envelopesWritten;

    Publishing(MessageRecords records, IdempotencyKeys keys, EnvelopePublisher envelopes, KafkaCalls kafka,
            BulkheadRegistry bulkheads, PublishProperties properties, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.inFlight = bulkheads.bulkhead("publish");
        this.meters = meters;
        this.writes = Timer.builder("pushway.publish.write").description("Recording messages and writing them to Kafka")
                .publishPercentileHistogram().register(meters);
        this.envelopesWritten = Counter.builder("pushway.published.envelopes")
                .description("Kafka records written, one per recipient or topic").register(meters);
        this.records = records;
        this.keys = keys;
        this.envelopes = envelopes;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Publishes a valid request for {@code publisher}. With an idempotency key, a repeated request
     * gets the first message's id ({@link Published.Duplicate}) and publishes nothing; a repeat that
     * races a first request still in flight is told to retry ({@link ConflictException}).
     */
    Mono<Published> publish(PublishRequest request, String publisher, TopicAccess topics, String idempotencyKey) {
        Message message = prepare(request, publisher, topics);
        String id = message.id();
        if (idempotencyKey == null) {
            return write(List.of(message)).thenReturn(new Published.Accepted(id));
        }
        return keys.claim(publisher, idempotencyKey, id)
                .onErrorMap(e -> unavailable("Redis", e))
                .flatMap(claim -> {
                    if (claim instanceof Claim.Completed done) {
                        published("duplicate", 1);
                        return Mono.just(new Published.Duplicate(done.messageId()));
                    }
                    if (claim instanceof Claim.InProgress) {
                        return Mono.error(new ConflictException(
                                "a request with this Idempotency-Key is still being published", RETRY_AFTER));
                    }
                    return write(List.of(message))
                            .then(keys.complete(publisher, idempotencyKey, id).onErrorComplete())
                            .onErrorResume(e -> keys.release(publisher, idempotencyKey, id).onErrorComplete()
                                    .then(Mono.error(e)))
                            .thenReturn(new Published.Accepted(id));
                });
    }

    /** The outcome of a publish. */
    sealed interface Published {
        String id();

        /** Newly accepted. */
        record Accepted(String id) implements Published {
        }

        /** A repeat of an earlier request with the same idempotency key. */
        record Duplicate(String id) implements Published {
        }
    }

    /** A message ready to write: its record and one envelope per recipient. */
    record Message(MessageRecord record, List<Envelope> envelopes) {
        String id() {
            return record.id();
        }
    }

    /**
     * Checks the cross-field rules and the publisher's topic access, and builds the message with a
     * new id: one envelope per recipient, or one for the topic.
     *
     * @throws InvalidRequestException when a rule is broken
     * @throws TopicForbiddenException when the token may not publish to the topic
     */
    Message prepare(PublishRequest request, String publisher, TopicAccess topics) {
        checkAddressing(request);
        if (request.topic() != null && !topics.allows(request.topic())) {
            throw new TopicForbiddenException();
        }
        String id = MessageIds.next();
        Instant now = clock.instant();
        Duration ttl = request.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(request.ttlSeconds());
        Instant expiresAt = now.plus(ttl);
        if (request.topic() != null) {
            return new Message(new MessageRecord(id, publisher, now, expiresAt, List.of(), request.topic()),
                    List.of(new Envelope(id, null, request.topic(), request.payload(), request.priority(), now,
                            expiresAt, publisher)));
        }
        List<Envelope> envelopes = request.recipients().stream()
                .map(r -> Envelope.direct(id, r, request.payload(), request.priority(), now, expiresAt, publisher))
                .toList();
        return new Message(new MessageRecord(id, publisher, now, expiresAt, request.recipients(), null), envelopes);
    }

    /**
     * Records the messages, then writes all their envelopes to Kafka in list order (so a recipient
     * gets them in that order), completing once Kafka acknowledged every one. All or nothing: on a
     * Kafka failure the records are removed again and the whole write fails with a 503.
     */
    Mono<Void> write(List<Message> messages) {
        return Mono.deferContextual(context -> {
            Timer.Sample started = Timer.start(meters);
            return writeNow(messages)
                    .transform(BulkheadOperator.of(inFlight))
                    .onErrorMap(BulkheadFullException.class, e -> new ServiceUnavailableException(Problems.OVERLOADED,
                            "too many publishes in flight; retry shortly", OVERLOADED_RETRY_AFTER, e))
                    .doOnSuccess(done -> {
                        started.stop(writes);
                        TraceIds.inScope(context, () -> messages.forEach(Publishing::logAccepted));
                        published("accepted", messages.size());
                        envelopesWritten.increment(messages.stream().mapToInt(m -> m.envelopes().size()).sum());
                    })
                    .doOnError(e -> published("unavailable", messages.size()));
        });
    }

    /** One line per accepted message, with its id in the logging context beside the trace id. */
    private static void logAccepted(Message message) {
        try (var ignored = MDC.putCloseable(LogFields.MESSAGE_ID, message.id())) {
            log.info("Accepted message {}: {} Kafka record(s)", message.id(), message.envelopes().size());
        }
    }

    private void published(String result, int messages) {
        meters.counter("pushway.published", "result", result).increment(messages);
    }

    /** All the records in one call (a batch has at most 500), then all the envelopes in one Kafka write. */
    private Mono<Void> writeNow(List<Message> messages) {
        return records.save(messages.stream().map(Message::record).toList(), properties.statusRetention())
                .onErrorMap(e -> unavailable("Redis", e))
                .then(kafka.write(envelopes.publish(messages.stream().flatMap(m -> m.envelopes().stream()).toList()))
                        .onErrorResume(e -> records.delete(messages.stream().map(Message::id).toList())
                                .onErrorComplete()
                                .then(Mono.error(unavailable("Kafka", e)))));
    }

    private static ServiceUnavailableException unavailable(String dependency, Throwable cause) {
        return cause instanceof ServiceUnavailableException u ? u
                : new ServiceUnavailableException(dependency + " is unavailable; retry later", RETRY_AFTER, cause);
    }

    private static void checkAddressing(PublishRequest request) {
        if ((request.recipients() == null) == (request.topic() == null)) {
            throw new InvalidRequestException("recipients", "exactly one of recipients and topic is required");
        }
        if (request.topic() != null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.recipients().size(); i++) {
            if (!seen.add(request.recipients().get(i))) {
                errors.add(new FieldError("recipients[" + i + "]", "repeats an earlier recipient"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
