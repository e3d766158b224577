package io.pushway.delivery.transport;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** One heartbeat timer for all streams of the replica (not one timer per stream). */
@Component
class Heartbeat {

    private final Flux<ServerSentEvent<String>> comments;

    Heartbeat(StreamProperties properties) {
        ServerSentEvent<String> comment = ServerSentEvent.<String>builder().comment("hb").build();
        this.comments = Flux.interval(properties.heartbeat(), properties.heartbeat()).map(tick -> comment).share();
    }

    /** Heartbeat comments, shared by every subscriber. */
    Flux<ServerSentEvent<String>> comments() {
        return comments;
    }
}
