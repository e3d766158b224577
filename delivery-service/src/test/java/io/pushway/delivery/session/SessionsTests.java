package io.pushway.delivery.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushway.delivery.inbox.Appended;
import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.delivery.inbox.InboxProperties;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.delivery.routing.LiveEvents;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.model.Envelope;
import io.pushway.web.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The connect sequence with in-memory adapters: no loss, no duplicate, order kept. */
class SessionsTests {

    private static final Instant NOW = Instant.parse("2026-11-25T19:00:00Z");
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(1);

    private final MemoryInbox inbox = new MemoryInbox();
    private final MemoryLiveEvents live = new MemoryLiveEvents();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final DeliveryStatus status = new DeliveryStatus() {
        @Override
        public void markDelivered(String recipient, String id) {
            delivered.add(id + ":DELIVERED");
        }

        @Override
        public Mono<io.pushway.delivery.status.Acknowledgement> acknowledge(String recipient, String id) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<Boolean> fail(String recipient, String id, java.time.Instant retainUntil) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<Void> confirmDeliveredUpTo(String recipient, EntryId upTo) {
            delivered.add("confirmed:" + upTo);
            return Mono.empty();
        }

        @Override
        public void countReach(String topic, String id) {
            delivered.add(id + ":" + topic);
        }
    };
    private final Sessions sessions = new Sessions(inbox, live, status, new InboxProperties(10_000, Duration.ofDays(7), 2, 1000),
            new SessionProperties(16, Duration.ofMillis(50), Duration.ofMillis(300), 10, 0, OPEN_TIMEOUT), Clock.fixed(NOW, ZoneOffset.UTC),
            new DeliveryMetrics(new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void replaysTheInboxInPagesThenEmitsLiveEvents() {
        inbox.add(event(1), event(2), event(3), event(4), event(5));

        StepVerifier.create(inbox(sessions, EntryId.ZERO).map(e -> e.messageId()))
                .expectNext("m1", "m2", "m3", "m4", "m5")
                .then(() -> live.publish(event(6)))
                .expectNext("m6")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(live.listeners).isEmpty();
        assertThat(delivered).contains("m1:DELIVERED", "m6:DELIVERED");
    }

    @Test
    void eventPublishedDuringReplayIsEmittedOnceInOrder() {
        inbox.add(event(1), event(2), event(3));
        // The event is appended and published after the subscription became active, while the
        // replay still reads: it arrives both from the replay and live, and must be emitted once.
        inbox.onRead = () -> {
            if (!inbox.contains(4)) {
                inbox.add(event(4));
                live.publish(event(4));
            }
        };

        StepVerifier.create(inbox(sessions, EntryId.ZERO).map(InboxEvent::messageId))
                .expectNext("m1", "m2", "m3", "m4")
                .then(() -> live.publish(event(5)))
                .expectNext("m5")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void eventWhoseLiveMessageWasLostArrivesThroughResync() {
        inbox.add(event(1));

        StepVerifier.create(inbox(sessions, EntryId.ZERO).map(InboxEvent::messageId))
                .expectNext("m1")
                .then(() -> inbox.add(event(2)))
                .expectNext("m2")
                .then(() -> live.publish(event(2)))
                .then(() -> live.publish(event(3)))
                .expectNext("m3")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aClosedStreamIsNoLongerReRead() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        inbox.onRead = reads::incrementAndGet;

        StepVerifier.create(inbox(sessions, EntryId.ZERO))
                .thenAwait(Duration.ofMillis(200))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(reads).as("the replay and at least one resync read").hasValueGreaterThan(1);
        Thread.sleep(100); // a walk that took the feed just before the close ends its read
        int afterClose = reads.get();
        Thread.sleep(200); // four resync intervals
        assertThat(reads).hasValue(afterClose);
    }

    @Test
    void streamsAtOnePositionOfAFeedShareEachResyncRead() {
        List<Disposable> streams = new ArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            streams.add(sessions.openFeed(Feed.topic("news"), EntryId.EMPTY).subscribe(e -> events.add("news")));
        }
        streams.add(sessions.openFeed(Feed.inbox("bob"), EntryId.ZERO).subscribe(e -> events.add("bob")));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 6); // every stream live
            inbox.reads.clear();
            await().atMost(Duration.ofSeconds(5)).until(() -> reads("bob") >= 4);

            assertThat(reads("news")).as("one read per tick for the five topic streams, like bob's one stream")
                    .isBetween(reads("bob") - 1, reads("bob") + 1);
        } finally {
            streams.forEach(Disposable::dispose);
        }
    }

    @Test
    void anEventWhoseLiveMessageWasLostReachesEveryStreamThroughTheSharedRead() {
        inbox.add(event(1));
        List<List<String>> received = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        List<Disposable> streams = List.of(
                inbox(sessions, EntryId.ZERO).subscribe(e -> received.get(0).add(e.messageId())),
                inbox(sessions, EntryId.ZERO).subscribe(e -> received.get(1).add(e.messageId())),
                inbox(sessions, new EntryId(1, 0)).subscribe(e -> received.get(2).add(e.messageId())));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> received.get(0).size() == 1 && received.get(1).size() == 1);
            inbox.add(event(2)); // appended, its live message lost

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
                    .containsExactly(List.of("m1", "m2"), List.of("m1", "m2"), List.of("m2")));
        } finally {
            streams.forEach(Disposable::dispose);
        }
    }

    @Test
    void aFailedResyncReadEndsEveryStreamThatSharedIt() {
        List<Throwable> ended = new CopyOnWriteArrayList<>();
        List<Disposable> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            streams.add(sessions.openFeed(Feed.topic("news"), EntryId.EMPTY)
                    .subscribe(e -> { }, ended::add));
        }
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> inbox.reads.size() >= 3); // replayed: live
            inbox.onRead = () -> {
                throw new IllegalStateException("Redis is unavailable");
            };

            await().atMost(Duration.ofSeconds(5)).until(() -> ended.size() == 3);
            assertThat(ended).allSatisfy(e -> assertThat(e).hasMessage("Redis is unavailable"));
        } finally {
            streams.forEach(Disposable::dispose);
        }
    }

    private long reads(String feed) {
        return inbox.reads.stream().filter(feed::equals).count();
    }

    @Test
    void lostLiveMessageIsNoticedByTheNextOneAndFilledInOrder() {
        Sessions withoutResync = new Sessions(inbox, live, status, new InboxProperties(10_000, Duration.ofDays(7), 2, 1000),
                new SessionProperties(16, Duration.ofHours(1), Duration.ofHours(1), 10, 0, Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC),
                new DeliveryMetrics(new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)));
        inbox.add(event(1));

        StepVerifier.create(inbox(withoutResync, EntryId.ZERO).map(InboxEvent::messageId))
                .expectNext("m1")
                .then(() -> inbox.add(event(2), event(3)))
                .then(() -> live.publish(liveEvent(3, 2)))
                .expectNext("m2", "m3")
                .then(() -> inbox.add(event(4)))
                .then(() -> live.publish(liveEvent(4, 3)))
                .expectNext("m4")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void resumingFromATrimmedPositionStartsWithAnExplicitGap() {
        inbox.add(event(5), event(6));
        inbox.trimmed = new EntryId(4, 0);

        StepVerifier.create(sessions.openFeed(Feed.inbox("alice"), new EntryId(2, 0)))
                .assertNext(e -> assertThat(e).isEqualTo(new FeedEvent.Gap(Feed.inbox("alice"), new EntryId(2, 0),
                        new EntryId(4, 0))))
                .assertNext(e -> assertThat(e).isEqualTo(new FeedEvent.Start(Feed.inbox("alice"), new EntryId(4, 0))))
                .assertNext(e -> assertThat(e.position()).isEqualTo(new EntryId(5, 0)))
                .assertNext(e -> assertThat(e.position()).isEqualTo(new EntryId(6, 0)))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(sessions.openFeed(Feed.inbox("alice"), new EntryId(4, 0)).map(FeedEvent::position))
                .expectNext(new EntryId(4, 0), new EntryId(5, 0), new EntryId(6, 0))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aTopicJoinedAfreshStartsAfterItsNewestEntryAndCountsReach() {
        inbox.add(event(1), event(2));
        Feed news = Feed.topic("news");

        StepVerifier.create(sessions.openFeed(news, EntryId.ZERO))
                .assertNext(e -> assertThat(e).isEqualTo(new FeedEvent.Start(news, new EntryId(2, 0))))
                .then(() -> live.publish(event(3)))
                .assertNext(e -> assertThat(e.position()).isEqualTo(new EntryId(3, 0)))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(delivered).containsExactly("m3:news");
    }

    @Test
    void anEmptyTopicJoinedAfreshKeepsWhatIsPublishedWhileTheClientIsAway() {
        Feed news = Feed.topic("news");
        StepVerifier.create(sessions.openFeed(news, EntryId.ZERO))
                .assertNext(e -> assertThat(e).isEqualTo(new FeedEvent.Start(news, EntryId.EMPTY)))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        inbox.add(event(1));

        StepVerifier.create(sessions.openFeed(news, EntryId.EMPTY).ofType(FeedEvent.Message.class)
                        .map(m -> m.event().messageId()))
                .expectNext("m1")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void severalFeedsInterleaveAndTheCursorTracksEachOne() {
        inbox.add(event(1));

        StepVerifier.create(sessions.open(List.of(Feed.inbox("alice"), Feed.topic("news")), Cursor.start(2))
                        .filter(e -> !(e.event() instanceof FeedEvent.Start))
                        .map(e -> e.event().getClass().getSimpleName() + " " + e.cursor()))
                .expectNextMatches(e -> e.equals("Message 1-0_0-0") || e.equals("Message 1-0_1-0"))
                .expectNext("Subscribed 1-0_1-0")
                .then(() -> {
                    inbox.add(event(2));
                    live.publish(liveEvent(2, 1));
                })
                .expectNextMatches(e -> e.equals("Message 2-0_1-0") || e.equals("Message 1-0_2-0"))
                .expectNextMatches(e -> e.equals("Message 2-0_2-0"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void pollingReturnsUnexpiredEventsAndTheNextCursor() {
        InboxEvent expired = new InboxEvent(new EntryId(2, 0), "m2", "{}", NOW);
        inbox.add(event(1), expired, event(3));
        List<Feed> feeds = List.of(Feed.inbox("alice"));

        StepVerifier.create(sessions.poll(feeds, Cursor.start(1), 2))
                .assertNext(page -> {
                    assertThat(page.events()).extracting(e -> ((FeedEvent.Message) e.event()).event().messageId())
                            .containsExactly("m1");
                    assertThat(page.next()).hasToString("2-0");
                })
                .verifyComplete();
        StepVerifier.create(sessions.poll(feeds, Cursor.parse("3-0", 1), 2))
                .assertNext(page -> assertThat(page.next()).hasToString("3-0"))
                .verifyComplete();
        assertThat(delivered).containsExactly("m1:DELIVERED", "confirmed:3-0");
    }

    @Test
    void resumesAfterTheLastEventIdAndSkipsExpiredEvents() {
        InboxEvent expired = new InboxEvent(new EntryId(3, 0), "m3", "{}", NOW);
        inbox.add(event(1), event(2), expired, event(4));

        StepVerifier.create(inbox(sessions, new EntryId(1, 0)).map(InboxEvent::messageId))
                .expectNext("m2", "m4")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void slowClientCatchesUpFromTheFeedInsteadOfLosingEvents() {
        StepVerifier.create(inbox(sessions, EntryId.ZERO).map(InboxEvent::messageId), 0)
                .then(() -> {
                    for (int i = 1; i <= 40; i++) {
                        inbox.add(event(i));
                        live.publish(event(i));
                    }
                })
                .thenRequest(100)
                .expectNextSequence(java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> "m" + i).toList())
                .then(() -> {
                    inbox.add(event(41));
                    live.publish(event(41));
                })
                .expectNext("m41")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void clientThatTakesNothingPastTheStallLimitIsDisconnected() {
        inbox.add(event(1));
        StepVerifier.create(inbox(sessions, EntryId.ZERO).map(InboxEvent::messageId), 1)
                .expectNext("m1")
                .then(() -> {
                    for (int i = 2; i <= 40; i++) {
                        inbox.add(event(i));
                        live.publish(event(i));
                    }
                })
                .expectError(StreamOverflowException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aStreamThatCannotBecomeLiveEndsAsUnavailableAndLetsGoOfItsFeeds() {
        live.stuck = true;
        inbox.add(event(1));

        StepVerifier.create(sessions.open(List.of(Feed.inbox("alice"), Feed.topic("news")), Cursor.start(2)))
                .expectSubscription()
                .expectNoEvent(OPEN_TIMEOUT.minusMillis(200))
                .expectError(ServiceUnavailableException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(live.abandoned).as("both pending registrations cancelled").hasValue(2);
    }

    @Test
    void aLiveStreamOutlastsTheOpenTimeout() {
        StepVerifier.create(sessions.open(List.of(Feed.inbox("alice")), Cursor.start(1))
                        .filter(e -> !(e.event() instanceof FeedEvent.Start))
                        .map(e -> e.event().getClass().getSimpleName() + " " + e.cursor()))
                .expectNext("Subscribed 0-0")
                .expectNoEvent(OPEN_TIMEOUT.plusMillis(200))
                .then(() -> {
                    inbox.add(event(1));
                    live.publish(event(1));
                })
                .expectNext("Message 1-0")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    /** Alice's inbox messages through {@link Sessions#openFeed}, without the start marker. */
    private static Flux<InboxEvent> inbox(Sessions sessions, EntryId after) {
        return sessions.openFeed(Feed.inbox("alice"), after).ofType(FeedEvent.Message.class).map(FeedEvent.Message::event);
    }

    private static InboxEvent liveEvent(int n, int previous) {
        InboxEvent event = event(n);
        return new InboxEvent(event.entryId(), event.messageId(), event.data(), event.expiresAt(), new EntryId(previous, 0));
    }

    private static InboxEvent event(int n) {
        return new InboxEvent(new EntryId(n, 0), "m" + n, "{\"n\":" + n + "}", NOW.plusSeconds(60));
    }

    /** Inbox holding events in a list; {@code onRead} runs before each page is read. */
    private static final class MemoryInbox implements Inbox {
        final List<InboxEvent> events = new CopyOnWriteArrayList<>();
        /** The feed of each read, in order. */
        final List<String> reads = new CopyOnWriteArrayList<>();
        Runnable onRead = () -> { };
        EntryId trimmed;

        void add(InboxEvent... added) {
            events.addAll(List.of(added));
        }

        boolean contains(int n) {
            return events.stream().anyMatch(e -> e.entryId().millis() == n);
        }

        @Override
        public Mono<List<Appended>> append(List<Append> appends) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<EntryId> trimmedUpTo(Feed feed) {
            return Mono.justOrEmpty(trimmed);
        }

        @Override
        public Mono<EntryId> newest(Feed feed) {
            return Mono.justOrEmpty(events.isEmpty() ? null : events.get(events.size() - 1).entryId());
        }

        @Override
        public Flux<InboxEvent> readAfter(Feed feed, EntryId after, int count) {
            return Flux.defer(() -> {
                reads.add(feed.name());
                onRead.run();
                List<InboxEvent> page = new ArrayList<>();
                for (InboxEvent e : events) {
                    if (e.entryId().isAfter(after) && page.size() < count) {
                        page.add(e);
                    }
                }
                return Flux.fromIterable(page);
            });
        }
    }

    /** Live events delivered synchronously to registered listeners. */
    private static final class MemoryLiveEvents implements LiveEvents {
        final List<Consumer<InboxEvent>> listeners = new CopyOnWriteArrayList<>();
        /** Registrations never complete (a subscription that hangs); {@link #abandoned} counts the cancelled ones. */
        volatile boolean stuck;
        final AtomicInteger abandoned = new AtomicInteger();

        void publish(InboxEvent event) {
            listeners.forEach(l -> l.accept(event));
        }

        @Override
        public Mono<Registration> register(Feed feed, Consumer<InboxEvent> listener) {
            if (stuck) {
                return Mono.<Registration>never().doOnCancel(abandoned::incrementAndGet);
            }
            return Mono.fromSupplier(() -> {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            });
        }
    }
}
