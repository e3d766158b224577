/**
 * {@code GET /api/v1/status} on both services: whether the service can do its job ({@code UP},
 * {@code DEGRADED}, {@code DOWN}) and its version for anyone; dependency latencies, rates, streams and
 * lag for {@code push.admin}.
 */
package io.pushway.serverstatus;
