package io.pushway.delivery.session;

import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.inbox.Inbox;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.delivery.inbox.InboxProperties;
import io.pushway.delivery.routing.LiveEvents;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.model.DeliveryState;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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
 * Expired events are skipped. Each emitted event is recorded DELIVERED (fire-and-forget: a failed
 * write leaves the state QUEUED, an under-statement, never an over-statement).
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

    Sessions(Inbox inbox, LiveEvents live, DeliveryStatus status, InboxProperties inboxProperties,
            SessionProperties properties, Clock clock) {
        this.inbox = inbox;
        this.live = live;
        this.status = status;
        this.inboxProperties = inboxProperties;
        this.properties = properties;
        this.clock = clock;
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
            return Flux.usingWhen(
                    live.register(recipient, event -> offer(buffer, event)),
                    registration -> replay(recipient, after).concatWith(buffer.asFlux())
                            .filter(event -> event.entryId().isAfter(last.get()) && !event.isExpiredAt(clock.instant()))
                            .doOnNext(event -> last.set(event.entryId())),
                    registration -> reactor.core.publisher.Mono.fromRunnable(registration::close));
        }).doOnNext(event -> markDelivered(recipient, event));
    }

    private Flux<InboxEvent> replay(String recipient, EntryId after) {
        int page = inboxProperties.replayPage();
        return inbox.readAfter(recipient, after, page).collectList().flatMapMany(events -> events.size() < page
                ? Flux.fromIterable(events)
                : Flux.fromIterable(events).concatWith(Flux.defer(
                        () -> replay(recipient, events.get(events.size() - 1).entryId()))));
    }

    private void offer(Sinks.Many<InboxEvent> buffer, InboxEvent event) {
        if (buffer.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
            buffer.tryEmitError(new StreamOverflowException(properties.liveBuffer()));
        }
    }

    private void markDelivered(String recipient, InboxEvent event) {
        status.advance(recipient, event.messageId(), DeliveryState.DELIVERED)
                .subscribe(null, e -> log.warn("Could not record DELIVERED for message {}", event.messageId(), e));
    }
}
