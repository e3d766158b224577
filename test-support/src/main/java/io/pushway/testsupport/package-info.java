/**
 * Test infrastructure shared by every Pushway test module: {@link io.pushway.testsupport.Infrastructure}
 * (real Kafka and Redis, started once per JVM), {@link io.pushway.testsupport.TestKeys} (TLS and JWT key
 * material generated at run time) and {@link io.pushway.testsupport.TestTokens}.
 */
package io.pushway.testsupport;
