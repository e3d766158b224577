package io.pushway.web;

import java.time.Duration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Drains a stopping replica ({@code pushway.shutdown.drain-delay}). When the application context starts
 * closing, Spring Boot has already turned readiness to {@code REFUSING_TRAFFIC} ({@code 503} on
 * {@code /actuator/health/readiness}); this listener then waits the delay before anything stops, so load
 * balancers and Kubernetes see the replica go unready and send new connections elsewhere while it still
 * serves everything. Only then does the graceful shutdown begin (streams end with a reconnect event,
 * in-flight requests finish, the management port closes last). Zero (the default) does not wait.
 */
final class ShutdownDrain implements ApplicationListener<ContextClosedEvent> {

    private final ApplicationContext context;
    private final Duration delay;

    ShutdownDrain(ApplicationContext context, ShutdownProperties properties) {
        this.context = context;
        this.delay = properties.drainDelay();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        // Child contexts (the management server's) publish their own closing to this one too.
        if (event.getApplicationContext() != context || delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
