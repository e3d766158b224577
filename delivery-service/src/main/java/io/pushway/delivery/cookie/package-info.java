/**
 * The token cookie for browsers' {@code EventSource}, which cannot send headers: a page exchanges
 * its bearer token for an HttpOnly cookie scoped to {@code /api/v1/stream}, and the SSE stream accepts it.
 */
package io.pushway.delivery.cookie;
