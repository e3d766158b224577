/**
 * Transports adapt HTTP to sessions: Server-Sent Events on {@code GET /api/v1/stream}, as a
 * functional route (no per-stream argument-resolver state), with one shared heartbeat timer.
 */
package io.pushway.delivery.transport;
