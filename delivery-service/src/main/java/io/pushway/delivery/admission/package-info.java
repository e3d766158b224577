/**
 * Admission of stream connections: a Redis token bucket per client address limits connection
 * attempts (SSE, WebSocket, polls, the stream cookie; not acks) across all delivery replicas, before any token
 * is checked.
 */
package io.pushway.delivery.admission;
