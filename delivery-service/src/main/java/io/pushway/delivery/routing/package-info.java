/**
 * Routing between replicas: live events travel on Redis pub/sub ({@code events:{r}}); a replica
 * subscribes to a recipient's channel while it holds at least one stream for that recipient.
 */
package io.pushway.delivery.routing;
