/** Acknowledgements: {@code POST /api/v1/messages/{id}/ack} by the recipient. */
package io.pushway.delivery.ack;
