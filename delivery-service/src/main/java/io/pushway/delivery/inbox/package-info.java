/**
 * Per-recipient inboxes in Redis: one stream per recipient ({@code inbox:{r}}), appended to by one
 * atomic script that also dedups, records QUEUED and publishes to live streams.
 */
package io.pushway.delivery.inbox;
