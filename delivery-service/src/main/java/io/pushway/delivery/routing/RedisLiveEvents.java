package io.pushway.delivery.routing;

import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.inbox.InboxEvent;
import io.pushway.resilience.RedisCalls;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * {@link LiveEvents} on Redis pub/sub. One Redis subscription per feed per replica, shared by all
 * of that feed's local streams and dropped with the last one. Messages are
 * decoded by {@link LiveMessage}. Subscribing is a guarded call ({@link RedisCalls}); a subscription
 * that failed is dropped with its registrations, so the next stream of the feed subscribes afresh.
 */
@Component
class RedisLiveEvents implements LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(RedisLiveEvents.class);

    private final ReactiveRedisMessageListenerContainer container;
    private final RedisCalls calls;
    private final ConcurrentMap<String, Channel> channels = new ConcurrentHashMap<>();

    RedisLiveEvents(ReactiveRedisMessageListenerContainer container, RedisCalls calls) {
        this.container = container;
        this.calls = calls;
    }

    @Override
    public Mono<Registration> register(Feed feed, Consumer<InboxEvent> listener) {
        String name = feed.channel();
        Channel channel = channels.compute(name, (key, existing) -> {
            Channel c = existing != null ? existing : open(key);
            c.listeners.add(listener);
            return c;
        });
        Registration registration = () -> leave(name, channel, listener);
        return channel.ready.thenReturn(registration).doOnCancel(registration::close).doOnError(e -> registration.close());
    }

    private Channel open(String name) {
        Channel channel = new Channel();
        channel.ready = calls.write(container.receiveLater(ChannelTopic.of(name))
                .doOnNext(messages -> channel.attach(messages.subscribe(m -> channel.dispatch(m.getMessage()),
                        e -> log.warn("Live events of a recipient failed; its streams will resume on reconnect", e))))
                .then())
                .cache();
        channel.ready.subscribe(null, e -> log.warn("Cannot subscribe to live events", e));
        return channel;
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
            c.close();
            return null;
        });
    }

    /** One recipient's subscription and its local listeners. */
    private static final class Channel {
        final CopyOnWriteArrayList<Consumer<InboxEvent>> listeners = new CopyOnWriteArrayList<>();
        Mono<Void> ready;
        private Disposable subscription;
        private boolean closed;

        synchronized void attach(Disposable s) {
            if (closed) {
                s.dispose();
            } else {
                subscription = s;
            }
        }

        synchronized void close() {
            closed = true;
            if (subscription != null) {
                subscription.dispose();
            }
        }

        void dispatch(String message) {
            InboxEvent event = LiveMessage.decode(message);
            listeners.forEach(l -> l.accept(event));
        }
    }
}
