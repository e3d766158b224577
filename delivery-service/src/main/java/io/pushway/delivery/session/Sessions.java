package io.pushway.delivery.session;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.delivery.inbox.InboxProperties;
import io.pushway.delivery.metrics.DeliveryMetrics;
import io.pushway.delivery.routing.LiveEvents;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.resilience.DependencyCalls;
import io.pushway.web.ServiceUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens subscriber sessions. The sequence loses nothing and duplicates nothing:
 * <ol>
 *   <li>register for live events and wait until the subscription is active — from here on every new
 *       event is buffered;</li>
 *   <li>replay the inbox after the client's last event id, page by page;</li>
 *   <li>emit buffered and live events whose id is greater than the last one emitted.</li>
 * </ol>
 * Expired events are skipped. A lost live message (Redis restart, network) is noticed by the next
 * live event, which names its predecessor, and filled in from the inbox, in order; when no event
 * follows, the periodic {@code resync} (a re-read of the feed after the last event emitted, one read
 * per feed and position, shared by the streams there) brings it at most one interval late. When that
 * re-read fails (Redis unavailable), the stream ends with the
 * {@link io.pushway.web.ServiceUnavailableException}, so its transport tells the client to reconnect.
 * Each emitted event is recorded DELIVERED
 * (in batches, {@link DeliveryStatus#markDelivered}: a failed write leaves the state QUEUED, an
 * under-statement, never an over-statement).
 */
@Component
public class Sessions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    /** Feeds re-read at once by a resync tick. */
    private static final int RESYNC_CONCURRENCY = 64;

    private final Inbox inbox;
    private final LiveEvents live;
    private final DeliveryStatus status;
    private final InboxProperties inboxProperties;
    private final SessionProperties properties;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    /** The feeds of the open streams, re-read on every resync tick by one timer. */
    private final Set<OpenFeed> resyncing = ConcurrentHashMap.newKeySet();
    private final Disposable resyncTimer;

    Sessions(Inbox inbox, LiveEvents live, DeliveryStatus status, InboxProperties inboxProperties,
            SessionProperties properties, Clock clock, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.inbox = inbox;
        this.live = live;
        this.status = status;
        this.inboxProperties = inboxProperties;
        this.properties = properties;
        this.clock = clock;
        this.resyncTimer = Flux.interval(properties.resync(), properties.resync()).onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(resyncReads().entrySet())
                        .flatMap(read -> resync(read.getKey(), read.getValue()), RESYNC_CONCURRENCY), 1)
                .subscribe();
    }

    @Override
    public void destroy() {
        resyncTimer.dispose();
    }

    /**
     * The stream of several feeds at once — a recipient's inbox and its topics — from {@code cursor}:
     * each feed in its own order (as {@link #openFeed}), interleaved as events arrive, each event with
     * the cursor after it. Nothing is released until every feed is live; then a
     * {@link FeedEvent.Subscribed} follows the events held so far, so a client that sees it knows
     * that everything published from then on reaches it. A stream not live within
     * {@code pushway.session.open-timeout} ends with {@link ServiceUnavailableException}: whatever held it
     * up, its client reconnects rather than waiting on a stream that delivers nothing.
     */
    public Flux<FeedEvent.Emitted> open(List<Feed> feeds, Cursor cursor) {
        return Flux.defer(() -> {
            Cursor[] current = {cursor};
            List<FeedEvent.Emitted> held = new ArrayList<>();
            int[] started = {0};
            return Flux.merge(Flux.range(0, feeds.size())
                            .map(i -> openFeed(feeds.get(i), cursor.position(i)).map(event -> Map.entry(i, event))))
                    .map(indexed -> {
                        current[0] = current[0].with(indexed.getKey(), indexed.getValue().position());
                        return new FeedEvent.Emitted(current[0], indexed.getValue());
                    })
                    .concatMap(emitted -> {
                        if (started[0] == feeds.size()) {
                            return Flux.just(emitted);
                        }
                        held.add(emitted);
                        if (emitted.event() instanceof FeedEvent.Start && ++started[0] == feeds.size()) {
                            List<FeedEvent.Emitted> release = new ArrayList<>(held);
                            held.clear();
                            release.add(new FeedEvent.Emitted(current[0], new FeedEvent.Subscribed()));
                            return Flux.fromIterable(release);
                        }
                        return Flux.empty();
                    }, 0) // no prefetch: a queue per stream for what is emitted one by one
                    .timeout(Mono.delay(properties.openTimeout()), emitted -> Mono.never(), Flux.defer(() -> {
                        log.warn("A stream of {} feed(s) did not become live within {}; it ends so its client reconnects",
                                feeds.size(), properties.openTimeout());
                        return Flux.error(new ServiceUnavailableException("the stream could not be opened in time; retry",
                                DependencyCalls.RETRY_SOON, null));
                    }));
        });
    }

    /**
     * The events of {@code feed} after {@code after}, then live ones, in entry-id order, led by a
     * {@link FeedEvent.Start} once the live subscription is active. Where to start: after
     * {@code after}; or, for a topic joined afresh ({@link EntryId#ZERO}), after its newest entry at
     * that moment (the Start puts it in the cursor). A {@link FeedEvent.Gap} comes first if the
     * feed's length cap removed messages after {@code after}. Errors with
     * {@link StreamOverflowException} when the client stalls (see {@link LiveBuffer}).
     */
    public Flux<FeedEvent> openFeed(Feed feed, EntryId after) {
        return Flux.defer(() -> {
            log.debug("Opening {} after {}", feed.channel(), after);
            boolean fresh = after.equals(EntryId.ZERO);
            confirmReceived(feed, after);
            if (fresh && feed.kind() == Feed.Kind.TOPIC) {
                return messages(feed, inbox.newest(feed).defaultIfEmpty(EntryId.EMPTY));
            }
            return inbox.trimmedUpTo(feed)
                    .filter(trimmed -> !fresh && trimmed.isAfter(after))
                    .flatMapMany(trimmed -> Flux.<FeedEvent>just(new FeedEvent.Gap(feed, after, trimmed))
                            .concatWith(messages(feed, Mono.just(trimmed))))
                    .switchIfEmpty(Flux.defer(() -> messages(feed, Mono.just(after))));
        });
    }

    /** The connect sequence on one feed, starting after the position {@code start} yields once live. */
    private Flux<FeedEvent> messages(Feed feed, Mono<EntryId> start) {
        return Flux.defer(() -> {
            AtomicReference<EntryId> last = new AtomicReference<>(EntryId.ZERO);
            LiveBuffer buffer = new LiveBuffer(properties.liveBuffer(), properties.stallLimit());
            OpenFeed open = new OpenFeed(feed, last, buffer);
            resyncing.add(open);
            // The stages at DEBUG (with the request's trace id), from "Opening" in openFeed on: where a stream
            // that never went live stopped.
            return Flux.usingWhen(
                    live.register(feed, buffer::offer)
                            .doOnSubscribe(s -> log.debug("Registering for the live events of {}", feed.channel())),
                    registration -> start.flatMapMany(from -> {
                        log.debug("Registered for the live events of {}; replaying after {}", feed.channel(), from);
                        last.set(from);
                        Flux<FeedEvent> events = replay(feed, from)
                                .doOnComplete(() -> log.debug("Replayed {}", feed.channel()))
                                .concatWith(buffer.events(() -> replay(feed, last.get()))
                                        .concatMap(event -> fillGap(feed, event, last.get()), 0))
                                .filter(event -> event.entryId().isAfter(last.get()) && !event.isExpiredAt(clock.instant()))
                                .doOnNext(event -> {
                                    last.set(event.entryId());
                                    buffer.progressed();
                                    markDelivered(feed, event);
                                })
                                .map(event -> new FeedEvent.Message(feed, event));
                        return Flux.<FeedEvent>just(new FeedEvent.Start(feed, from)).concatWith(events);
                    }),
                    registration -> Mono.fromRunnable(registration::close))
                    .doFinally(signal -> resyncing.remove(open));
        });
    }

    /** One open stream's feed, as the resync walk sees it: the last event emitted, and its live buffer. */
    private record OpenFeed(Feed feed, AtomicReference<EntryId> last, LiveBuffer buffer) {
    }

    /** A feed read after an entry. */
    private record FeedPosition(Feed feed, EntryId after) {
    }

    /**
     * A resync tick's reads, after ending the streams whose clients stalled: one per feed and position,
     * shared by every open stream that emitted up to the same entry of the same feed (the subscribers of
     * a topic, a recipient's devices), so a walk costs a read per position, not one per stream.
     */
    private Map<FeedPosition, List<LiveBuffer>> resyncReads() {
        Map<FeedPosition, List<LiveBuffer>> reads = new HashMap<>();
        for (OpenFeed open : resyncing) {
            open.buffer().checkStalled();
            reads.computeIfAbsent(new FeedPosition(open.feed(), open.last().get()), position -> new ArrayList<>(1))
                    .add(open.buffer());
        }
        return reads;
    }

    /**
     * Re-reads a feed after {@code position} for events whose live message was lost, and offers them to
     * each stream at that position. A failed read ends those streams.
     */
    private Mono<Void> resync(FeedPosition position, List<LiveBuffer> buffers) {
        return inbox.readAfter(position.feed(), position.after(), inboxProperties.replayPage())
                .doOnNext(event -> buffers.forEach(buffer -> buffer.offer(event)))
                .onErrorResume(e -> {
                    buffers.forEach(buffer -> buffer.fail(e));
                    return Mono.empty();
                })
                .then();
    }

    /**
     * A live event whose predecessor in the feed is newer than the last event emitted means a live
     * message was lost (e.g. while the pub/sub connection reconnected): read the feed from the last
     * emitted event instead, which yields the missed events and this one, in order.
     */
    private Flux<InboxEvent> fillGap(Feed feed, InboxEvent event, EntryId last) {
        return event.previous() != null && event.previous().isAfter(last) ? replay(feed, last) : Flux.just(event);
    }

    /**
     * One poll of several feeds from {@code cursor}: per feed, up to {@code limit} unexpired events
     * after its position (recorded as delivered), led by a {@link FeedEvent.Gap} if messages were
     * trimmed past it; a topic polled without a position starts at its newest entry. Events carry the
     * cursor after them; {@link Page#next} is the cursor to poll from next.
     */
    public Mono<Page> poll(List<Feed> feeds, Cursor cursor, int limit) {
        Cursor[] next = {cursor};
        return Flux.range(0, feeds.size())
                .concatMap(i -> pollFeed(feeds.get(i), cursor.position(i), limit).map(event -> {
                    next[0] = next[0].with(i, event.position());
                    return new FeedEvent.Emitted(next[0], event);
                }))
                .filter(emitted -> !(emitted.event() instanceof FeedEvent.Start))
                .collectList()
                .map(events -> new Page(events, next[0]));
    }

    private Flux<FeedEvent> pollFeed(Feed feed, EntryId after, int limit) {
        confirmReceived(feed, after);
        if (after.equals(EntryId.ZERO) && feed.kind() == Feed.Kind.TOPIC) {
            return inbox.newest(feed).defaultIfEmpty(EntryId.EMPTY)
                    .map(newest -> (FeedEvent) new FeedEvent.Start(feed, newest)).flux();
        }
        return inbox.trimmedUpTo(feed)
                .filter(trimmed -> !after.equals(EntryId.ZERO) && trimmed.isAfter(after))
                .map(trimmed -> (FeedEvent) new FeedEvent.Gap(feed, after, trimmed))
                .flux()
                .concatWith(Flux.defer(() -> inbox.readAfter(feed, after, limit).map(event -> polled(feed, event))));
    }

    /** A polled entry: a message (recorded as delivered), or only a position when it expired. */
    private FeedEvent polled(Feed feed, InboxEvent event) {
        if (event.isExpiredAt(clock.instant())) {
            return new FeedEvent.Start(feed, event.entryId());
        }
        markDelivered(feed, event);
        return new FeedEvent.Message(feed, event);
    }

    /** A page of polled events (messages and gaps) and the cursor to poll from next. */
    public record Page(List<FeedEvent.Emitted> events, Cursor next) {
    }

    private Flux<InboxEvent> replay(Feed feed, EntryId after) {
        int page = inboxProperties.replayPage();
        return inbox.readAfter(feed, after, page).collectList().flatMapMany(events -> events.size() < page
                ? Flux.fromIterable(events)
                : Flux.fromIterable(events).concatWith(Flux.defer(
                        () -> replay(feed, events.get(events.size() - 1).entryId()))));
    }

    /** A client resuming an inbox from {@code after} has received everything up to it (fire-and-forget). */
    private void confirmReceived(Feed feed, EntryId after) {
        if (feed.kind() == Feed.Kind.INBOX && !after.equals(EntryId.ZERO)) {
            status.confirmDeliveredUpTo(feed.name(), after)
                    .subscribe(null, e -> log.warn("Could not confirm deliveries of a resuming stream", e));
        }
    }

    /** An inbox message becomes DELIVERED; a topic message counts one more stream reached. */
    private void markDelivered(Feed feed, InboxEvent event) {
        metrics.delivered(event.messageId());
        if (feed.kind() == Feed.Kind.INBOX) {
            status.markDelivered(feed.name(), event.messageId());
        } else {
            status.countReach(feed.name(), event.messageId());
        }
    }
}
