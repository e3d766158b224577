package io.pushway.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import io.pushway.testsupport.TestClients;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * A subscriber that behaves like a well-written client (and like a browser's EventSource): when its
 * stream ends or breaks, it reconnects — to the next replica in its list — with the last event id it
 * saw. Records every message id received, duplicates included, in arrival order.
 */
final class ResumingSubscriber implements AutoCloseable {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() { };

    private final String name;
    private final List<String> received = new ArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final Disposable subscription;
    private volatile String lastEventId;
    private volatile boolean connected;

    ResumingSubscriber(SystemStack stack, String name, List<SystemStack.Service> replicas) {
        this(name, stack, replicas.stream().map(replica -> replica.url("/api/v1/stream")).toList());
    }

    /** A subscriber that connects to the stream URLs {@code streamUrls} in turn (e.g. one load balancer). */
    ResumingSubscriber(String name, SystemStack stack, List<String> streamUrls) {
        this.name = name;
        String token = stack.token(name, "push.subscribe");
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(TestClients.httpClient(stack.keys()))).build();
        subscription = Flux.defer(() -> {
                    String url = streamUrls.get(connects.getAndIncrement() % streamUrls.size());
                    return client.get().uri(url).accept(MediaType.TEXT_EVENT_STREAM)
                            .headers(h -> {
                                h.setBearerAuth(token);
                                if (lastEventId != null) {
                                    h.set("Last-Event-ID", lastEventId);
                                }
                            })
                            .retrieve().bodyToFlux(SSE);
                })
                .doOnNext(this::onEvent)
                .doOnTerminate(() -> connected = false)
                .repeat()
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(200)))
                .subscribe();
    }

    private void onEvent(ServerSentEvent<String> event) {
        if ("message".equals(event.event())) {
            synchronized (received) {
                received.add(event.data().substring(7, 43));
            }
            lastEventId = event.id();
        } else if (event.comment() != null) {
            connected = true;
        }
    }

    String name() {
        return name;
    }

    boolean isConnected() {
        return connected;
    }

    /** Message ids in arrival order, duplicates included. */
    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Distinct message ids in first-arrival order (what a client gets after dedup by id). */
    List<String> deduplicated() {
        return received().stream().distinct().toList();
    }

    int connects() {
        return connects.get();
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
