/**
 * Message records and status: the {@code msg:{id}} record written at publish time, and
 * {@code GET /api/v1/messages/{id}}, which joins it with every recipient's state record.
 */
package io.pushway.ingest.status;
