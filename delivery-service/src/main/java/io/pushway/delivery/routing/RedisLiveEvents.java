package io.pushway.delivery.routing;

import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.resilience.RedisCalls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.connection.ReactiveSubscription.Message;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * {@link LiveEvents} on Redis pub/sub, one hub per replica: a single subscription (one pub/sub
 * connection) whose channels are the feeds some local stream listens to. A feed's channel is
 * subscribed when its first listener registers and unsubscribed when its last one leaves; every
 * message is handed to its channel's listeners by one map lookup. So opening a stream costs one
 * {@code SUBSCRIBE} at most and a message costs the same whether 10 or 10,000 streams are open
 * (a listener container that offers each message to every receiver costs one test per stream).
 */
@Component
class RedisLiveEvents implements LiveEvents, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveEvents.class);

    private final RedisCalls calls;
    private final ReactiveRedisConnection connection;
    private final Mono<ReactiveSubscription> subscription;
    private final ConcurrentMap<String, Channel> channels = new ConcurrentHashMap<>();
    private volatile Disposable receiving;

    RedisLiveEvents(ReactiveRedisConnectionFactory redis, RedisCalls calls) {
        this.calls = calls;
        this.connection = redis.getReactiveConnection();
        this.subscription = connection.pubSubCommands().createSubscription()
                .doOnNext(created -> receiving = created.receive().subscribe(this::dispatch,
                        e -> log.warn("Live events stopped; streams catch up by re-reading their feeds", e)))
                .cache();
    }

    @Override
    public Mono<Registration> register(Feed feed, Consumer<InboxEvent> listener) {
        String name = feed.channel();
        Channel channel = channels.compute(name, (key, existing) -> {
            Channel c = existing != null ? existing : new Channel(subscribe(key));
            c.listeners.add(listener);
            return c;
        });
        Registration registration = () -> leave(name, channel, listener);
        return channel.ready.thenReturn(registration).doOnCancel(registration::close).doOnError(e -> registration.close());
    }

    /** Subscribes the channel now (in call order with unsubscribes), and tells when Redis confirmed it. */
    private Mono<Void> subscribe(String name) {
        return calls.write(subscription.flatMap(s -> s.subscribe(bytes(name)))).cache();
    }

    private void leave(String name, Channel channel, Consumer<InboxEvent> listener) {
        channels.computeIfPresent(name, (key, c) -> {
            if (c != channel) {
                return c;
            }
            c.listeners.remove(listener);
            if (!c.listeners.isEmpty()) {
                return c;
            }
            subscription.flatMap(s -> s.unsubscribe(bytes(key)))
                    .subscribe(null, e -> log.debug("Unsubscribing {} failed: {}", key, e.getMessage()));
            return null;
        });
    }

    private void dispatch(Message<ByteBuffer, ByteBuffer> message) {
        Channel channel = channels.get(text(message.getChannel()));
        if (channel != null) {
            InboxEvent event = LiveMessage.decode(text(message.getMessage()));
            channel.listeners.forEach(l -> l.accept(event));
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }

    @Override
    public void destroy() {
        Disposable r = receiving;
        if (r != null) {
            r.dispose();
        }
        connection.close();
    }

    /**
     * One feed's channel: its local listeners, and the subscription they wait for. A concurrent set, not
     * a copy-on-write list: 10,000 streams joining one topic would copy the list 10,000 times.
     */
    private static final class Channel {
        final Set<Consumer<InboxEvent>> listeners = ConcurrentHashMap.newKeySet();
        /** The subscription under way; once confirmed, an empty Mono (the cached call chain is let go). */
        volatile Mono<Void> ready;

        Channel(Mono<Void> subscribing) {
            this.ready = subscribing;
            subscribing.subscribe(null, e -> log.warn("Cannot subscribe to live events: {}", e.getMessage()),
                    () -> ready = Mono.empty());
        }
    }
}
