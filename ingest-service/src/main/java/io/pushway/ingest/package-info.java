/**
 * Ingest service: accepts messages from publishers ({@code publish}), writes them to Kafka, and answers
 * status lookups ({@code status}).
 */
package io.pushway.ingest;
