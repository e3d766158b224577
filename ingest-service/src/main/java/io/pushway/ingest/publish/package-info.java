/**
 * Publishing: {@code POST /api/v1/messages} validates a request, records the message as ACCEPTED and
 * writes one envelope per recipient to Kafka, answering only after Kafka acknowledged every record.
 */
package io.pushway.ingest.publish;
