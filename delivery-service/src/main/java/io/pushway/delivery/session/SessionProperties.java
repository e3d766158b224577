package io.pushway.delivery.session;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session settings ({@code pushway.session.*}).
 *
 * @param liveBuffer live events a stream holds for a slow client before it switches to catching up
 *     from the feed
 * @param resync how often a stream re-reads its feeds for events whose live message was lost
 * @param stallLimit how long a client may take nothing while events wait before it is disconnected
 * @param maxStreamsPerUser streams (SSE and WebSocket) one user may hold open on one replica
 * @param maxStreams streams one replica holds open at most; past it a stream is refused (503
 *     {@code overloaded}, another replica takes it). 0: what the heap holds, max heap ÷ 64 KB
 * @param openTimeout how long a stream may take to become live (every feed subscribed and positioned);
 *     past it the stream ends as unavailable, so its client reconnects instead of waiting on a stream
 *     that delivers nothing
 */
@Validated
@ConfigurationProperties("pushway.session")
public record SessionProperties(
        @Min(16) @DefaultValue("1000") int liveBuffer,
        @NotNull @DefaultValue("10s") Duration resync,
        @NotNull @DefaultValue("60s") Duration stallLimit,
        @Min(1) @DefaultValue("10") int maxStreamsPerUser,
        @Min(0) @DefaultValue("0") int maxStreams,
        @NotNull @DefaultValue("10s") Duration openTimeout) {
}
