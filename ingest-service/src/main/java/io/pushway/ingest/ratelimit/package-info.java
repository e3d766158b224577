/**
 * Rate limits per publisher (token subject), shared by every ingest replica through Redis: a token
 * bucket per publisher, {@code 429} with {@code Retry-After} when empty, {@code RateLimit-*} headers.
 */
package io.pushway.ingest.ratelimit;
