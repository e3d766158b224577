package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/** {@link TraceIds#inScope}: the chain's observation is current on the thread for the action, and only then. */
class TraceIdsTests {

    private final ObservationRegistry registry = ObservationRegistry.create();

    TraceIdsTests() {
        registry.observationConfig().observationHandler(context -> true);
    }

    @Test
    void theChainsObservationIsCurrentWhileTheActionRunsOnAnyThread() {
        Observation request = Observation.start("request", registry);
        AtomicReference<Observation> during = new AtomicReference<>();

        // The action runs on another thread than the one that put the observation in the context.
        StepVerifier.create(Mono.deferContextual(context -> Mono.fromSupplier(() -> TraceIds.inScope(context,
                                () -> registry.getCurrentObservation())))
                        .subscribeOn(Schedulers.parallel())
                        .contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, request)))
                .expectNext(request)
                .verifyComplete();
        TraceIds.inScope(Context.of(ObservationThreadLocalAccessor.KEY, request),
                () -> during.set(registry.getCurrentObservation()));

        assertThat(during).hasValue(request);
        assertThat(registry.getCurrentObservation()).as("the scope is closed after the action").isNull();
    }

    @Test
    void withoutAnObservationTheActionJustRuns() {
        assertThat(TraceIds.inScope(Context.empty(), () -> registry.getCurrentObservation() == null ? "ran" : "scoped"))
                .isEqualTo("ran");
    }
}
