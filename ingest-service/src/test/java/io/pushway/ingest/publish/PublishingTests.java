package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushway.resilience.KafkaCalls;
import io.pushway.ingest.status.MessageRecord;
import io.pushway.ingest.status.MessageRecords;
import io.pushway.model.Envelope;
import io.pushway.model.JsonCodec;
import io.pushway.model.Priority;
import io.pushway.model.TopicAccess;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.Problems;
import io.pushway.web.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The publish use case with in-memory adapters. */
class PublishingTests {

    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00.123Z");
    private static final TopicAccess ALL_TOPICS = TopicAccess.of(null);

    private final MemoryRecords records = new MemoryRecords();
    private final MemoryKeys keys = new MemoryKeys();
    private final List<Envelope> published = new ArrayList<>();
    private EnvelopePublisher kafka = envelopes -> Mono.fromRunnable(() -> published.addAll(envelopes));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PublishProperties properties = new PublishProperties(Duration.ofHours(24), Duration.ofDays(7));
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

    private Publishing publishing() {
        return new Publishing(records, keys, envelopes -> kafka.publish(envelopes), kafkaCalls(), bulkheads, properties,
                Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    /** Kafka calls with resilience4j's defaults (a 1 s deadline). */
    static KafkaCalls kafkaCalls() {
        return new KafkaCalls(CircuitBreakerRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
                RetryRegistry.ofDefaults());
    }

    @Test
    void onePerRecipientEnvelopeAndARecordRetainedSevenDaysPastExpiry() {
        String id = publishing().publish(request(List.of("alice", "bob"), 60, Priority.HIGH), "backend", ALL_TOPICS, null).block().id();

        assertThat(published).extracting(Envelope::recipient).containsExactly("alice", "bob");
        assertThat(published).allSatisfy(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.createdAt()).isEqualTo(NOW);
            assertThat(e.expiresAt()).isEqualTo(NOW.plusSeconds(60));
            assertThat(e.publisher()).isEqualTo("backend");
            assertThat(e.priority()).isEqualTo(Priority.HIGH);
        });
        assertThat(records.saved.get(id).recipients()).containsExactly("alice", "bob");
        assertThat(records.retainUntil.get(id)).isEqualTo(NOW.plusSeconds(60).plus(Duration.ofDays(7)));
        assertThat(meters.counter("pushway.published", "result", "accepted").count()).isEqualTo(1);
        assertThat(meters.counter("pushway.published.envelopes").count()).isEqualTo(2);
        assertThat(meters.timer("pushway.publish.write").count()).isEqualTo(1);
    }

    @Test
    void defaultTtlAppliesWhenNoneIsGiven() {
        publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, null).block();
        assertThat(published.get(0).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(published.get(0).priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void kafkaFailureRemovesTheRecordAndAsksToRetry() {
        kafka = envelopes -> Mono.error(new IllegalStateException("broker down"));

        StepVerifier.create(publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ServiceUnavailableException.class)
                        .satisfies(u -> assertThat(((ServiceUnavailableException) u).retryAfter()).isPositive()))
                .verify();
        assertThat(records.saved).isEmpty();
        assertThat(meters.counter("pushway.published", "result", "unavailable").count()).isEqualTo(1);
        assertThat(meters.counter("pushway.published", "result", "accepted").count()).isZero();
    }

    @Test
    void kafkaThatNeverAnswersTimesOut() {
        kafka = envelopes -> Mono.never();

        StepVerifier.create(publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, null))
                .expectError(ServiceUnavailableException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(records.saved).isEmpty();
    }

    @Test
    void aPublishPastTheInFlightLimitIsRefusedAtOnceAsOverloaded() {
        BulkheadRegistry oneInFlight = BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(1)
                .maxWaitDuration(Duration.ZERO).build());
        Sinks.Empty<Void> kafkaAnswer = Sinks.empty();
        kafka = envelopes -> kafkaAnswer.asMono();
        Publishing publishing = new Publishing(records, keys, envelopes -> kafka.publish(envelopes), kafkaCalls(),
                oneInFlight, properties, Clock.fixed(NOW, ZoneOffset.UTC), meters);

        var first = publishing.publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, null).toFuture();
        StepVerifier.create(publishing.publish(request(List.of("bob"), null, null), "backend", ALL_TOPICS, null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ServiceUnavailableException.class, u -> {
                    assertThat(u.problem().getType()).isEqualTo(Problems.OVERLOADED);
                    assertThat(u.problem().getStatus()).isEqualTo(503);
                    assertThat(u.retryAfterSeconds()).isEqualTo(1);
                }))
                .verify(Duration.ofMillis(500));

        kafkaAnswer.tryEmitEmpty();
        assertThat(first.join()).isInstanceOf(Publishing.Published.Accepted.class);
        kafka = envelopes -> Mono.fromRunnable(() -> published.addAll(envelopes));
        publishing.publish(request(List.of("carol"), null, null), "backend", ALL_TOPICS, null).block(Duration.ofSeconds(1));
        assertThat(published).extracting(Envelope::recipient).containsExactly("carol");
    }

    @Test
    void topicMessageIsOneEnvelopeKeyedByTopicAndNeedsTopicAccess() {
        var request = new PublishRequest(null, "news.sports", payload(), null, null);

        String id = publishing().publish(request, "backend", TopicAccess.of(List.of("news.*")), null).block().id();

        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEqualTo("news.sports");
            assertThat(e.routingKey()).isEqualTo("news.sports");
        });
        assertThat(records.saved.get(id).topic()).isEqualTo("news.sports");
        assertThatThrownBy(() -> publishing().publish(request, "backend", TopicAccess.of(List.of("alerts")), null))
                .isInstanceOf(TopicForbiddenException.class);
    }

    @Test
    void crossFieldRulesAreValidationErrorsWithPaths() {
        assertThatThrownBy(() -> publishing().publish(request(List.of("a", "b", "a"), null, null), "p", ALL_TOPICS, null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.path()).containsExactly("recipients[2]"));
        assertThatThrownBy(() -> publishing().publish(new PublishRequest(null, null, payload(), null, null), "p", ALL_TOPICS, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheFirstIdAndPublishesNothing() {
        var first = publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, "order-17").block();
        var again = publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, "order-17").block();
        var otherPublisher = publishing().publish(request(List.of("alice"), null, null), "rival", ALL_TOPICS, "order-17").block();

        assertThat(first).isInstanceOf(Publishing.Published.Accepted.class);
        assertThat(again).isEqualTo(new Publishing.Published.Duplicate(first.id()));
        assertThat(otherPublisher).isInstanceOf(Publishing.Published.Accepted.class);
        assertThat(published).hasSize(2);
    }

    @Test
    void repeatRacingAnInFlightFirstIsToldToRetryAndAFailedFirstFreesTheKey() {
        kafka = envelopes -> Mono.never();
        StepVerifier.create(publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, "k"))
                .then(() -> StepVerifier.create(publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, "k"))
                        .expectError(io.pushway.web.ConflictException.class).verify())
                .expectError(ServiceUnavailableException.class)
                .verify(Duration.ofSeconds(5));

        kafka = envelopes -> Mono.fromRunnable(() -> published.addAll(envelopes));
        assertThat(publishing().publish(request(List.of("alice"), null, null), "backend", ALL_TOPICS, "k").block())
                .isInstanceOf(Publishing.Published.Accepted.class);
        assertThat(published).hasSize(1);
    }

    private static PublishRequest request(List<String> recipients, Integer ttl, Priority priority) {
        return new PublishRequest(recipients, null, payload(), ttl, priority);
    }

    private static tools.jackson.databind.JsonNode payload() {
        return JsonCodec.mapper().readTree("{\"text\":\"hi\"}");
    }

    private static final class MemoryKeys implements io.pushway.ingest.idempotency.IdempotencyKeys {
        final Map<String, String> claims = new ConcurrentHashMap<>();

        @Override
        public Mono<io.pushway.ingest.idempotency.Claim> claim(String publisher, String key, String id) {
            return Mono.fromSupplier(() -> {
                String current = claims.putIfAbsent(publisher + "/" + key, "P " + id);
                return current == null ? new io.pushway.ingest.idempotency.Claim.Claimed()
                        : current.startsWith("D ") ? new io.pushway.ingest.idempotency.Claim.Completed(current.substring(2))
                        : new io.pushway.ingest.idempotency.Claim.InProgress();
            });
        }

        @Override
        public Mono<Void> complete(String publisher, String key, String id) {
            return Mono.fromRunnable(() -> claims.replace(publisher + "/" + key, "P " + id, "D " + id));
        }

        @Override
        public Mono<Void> release(String publisher, String key, String id) {
            return Mono.fromRunnable(() -> claims.remove(publisher + "/" + key, "P " + id));
        }
    }

    private static final class MemoryRecords implements MessageRecords {
        final Map<String, MessageRecord> saved = new ConcurrentHashMap<>();
        final Map<String, Instant> retainUntil = new ConcurrentHashMap<>();

        @Override
        public Mono<Void> save(List<MessageRecord> records, Duration retention) {
            return Mono.fromRunnable(() -> records.forEach(record -> {
                saved.put(record.id(), record);
                retainUntil.put(record.id(), record.expiresAt().plus(retention));
            }));
        }

        @Override
        public Mono<MessageRecord> find(String id) {
            return Mono.justOrEmpty(saved.get(id));
        }

        @Override
        public Mono<Void> delete(List<String> ids) {
            return Mono.fromRunnable(() -> ids.forEach(saved::remove));
        }
    }
}
