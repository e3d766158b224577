package io.pushway.ingest.publish;

import io.pushway.model.Envelope;
import java.util.List;
import reactor.core.publisher.Mono;

/** Port: durable hand-off of envelopes to the delivery pipeline. */
interface EnvelopePublisher {

    /**
     * Writes every envelope; completes only once all are durably acknowledged, and fails if any is
     * not. Envelopes with the same routing key keep their relative order.
     */
    Mono<Void> publish(List<Envelope> envelopes);
}
