/**
 * Sessions: one subscriber's event sequence, transport-neutral. Implements the connect sequence of
 * DESIGN §4 (subscribe, replay, then live above the last replayed id) and records DELIVERED.
 */
package io.pushway.delivery.session;
