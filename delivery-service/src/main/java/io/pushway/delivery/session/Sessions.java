package io.pushway.delivery.session;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.delivery.inbox.InboxProperties;
import io.pushway.delivery.routing.LiveEvents;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.model.DeliveryState;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

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
 * follows, the periodic {@code resync} (a re-read of the inbox after the last event emitted) brings
 * it at most one interval late. Each emitted event is recorded DELIVERED
 * (fire-and-forget: a failed write leaves the state QUEUED, an under-statement, never an
 * over-statement).
 */
@Component
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final Inbox inbox;
    private final LiveEvents live;
    private final DeliveryStatus status;
    private final InboxProperties inboxProperties;
    private final SessionProperties properties;
    private final Clock clock;
    private final Flux<Long> resyncTicks;

    Sessions(Inbox inbox, LiveEvents live, DeliveryStatus status, InboxProperties inboxProperties,
            SessionProperties properties, Clock clock) {
        this.inbox = inbox;
        this.live = live;
        this.status = status;
        this.inboxProperties = inboxProperties;
        this.properties = properties;
        this.clock = clock;
        this.resyncTicks = Flux.interval(properties.resync(), properties.resync()).onBackpressureDrop().share();
    }

    /**
     * The events of {@code recipient} after {@code after} ({@link EntryId#ZERO} for all), then live
     * ones, in entry-id order. Errors with {@link StreamOverflowException} when the client falls too
     * far behind.
     */
    public Flux<InboxEvent> open(String recipient, EntryId after) {
        return Flux.defer(() -> {
            AtomicReference<EntryId> last = new AtomicReference<>(after);
            Sinks.Many<InboxEvent> buffer = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<InboxEvent>get(properties.liveBuffer()).get());
            Disposable resync = resyncTicks.concatMap(tick -> inbox.readAfter(recipient, last.get(),
                            inboxProperties.replayPage()).timeout(properties.resync()).onErrorResume(e -> Flux.empty()))
                    .subscribe(event -> offer(buffer, event));
            return Flux.usingWhen(
                    live.register(recipient, event -> offer(buffer, event)),
                    registration -> replay(recipient, after)
                            .concatWith(buffer.asFlux().concatMap(event -> fillGap(recipient, event, last.get())))
                            .filter(event -> event.entryId().isAfter(last.get()) && !event.isExpiredAt(clock.instant()))
                            .doOnNext(event -> last.set(event.entryId())),
                    registration -> Mono.fromRunnable(registration::close))
                    .doFinally(signal -> resync.dispose());
        }).doOnNext(event -> markDelivered(recipient, event));
    }

    /**
     * A live event whose predecessor in the inbox is newer than the last event emitted means a live
     * message was lost (e.g. while the pub/sub connection reconnected): read the inbox from the last
     * emitted event instead, which yields the missed events and this one, in order.
     */
    private Flux<InboxEvent> fillGap(String recipient, InboxEvent event, EntryId last) {
        return event.previous() != null && event.previous().isAfter(last) ? replay(recipient, last) : Flux.just(event);
    }

    /**
     * One page of {@code recipient}'s inbox after {@code after}, for polling clients: unexpired events
     * (recorded DELIVERED), and the cursor to poll from next.
     */
    public Mono<Page> poll(String recipient, EntryId after, int limit) {
        return inbox.readAfter(recipient, after, limit).collectList().map(events -> {
            EntryId next = events.isEmpty() ? after : events.get(events.size() - 1).entryId();
            List<InboxEvent> live = events.stream().filter(e -> !e.isExpiredAt(clock.instant())).toList();
            live.forEach(event -> markDelivered(recipient, event));
            return new Page(live, next);
        });
    }

    /** A page of polled events and the cursor after them. */
    public record Page(List<InboxEvent> events, EntryId next) {
    }

    private Flux<InboxEvent> replay(String recipient, EntryId after) {
        int page = inboxProperties.replayPage();
        return inbox.readAfter(recipient, after, page).collectList().flatMapMany(events -> events.size() < page
                ? Flux.fromIterable(events)
                : Flux.fromIterable(events).concatWith(Flux.defer(
                        () -> replay(recipient, events.get(events.size() - 1).entryId()))));
    }

    /** Called from the pub/sub thread and the resync timer: serialized per buffer. */
    private void offer(Sinks.Many<InboxEvent> buffer, InboxEvent event) {
        synchronized (buffer) {
            if (buffer.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
                buffer.tryEmitError(new StreamOverflowException(properties.liveBuffer()));
            }
        }
    }

    private void markDelivered(String recipient, InboxEvent event) {
        status.advance(recipient, event.messageId(), DeliveryState.DELIVERED)
                .subscribe(null, e -> log.warn("Could not record DELIVERED for message {}", event.messageId(), e));
    }
}
