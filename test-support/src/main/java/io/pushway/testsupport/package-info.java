/**
 * Test infrastructure shared by every Pushway test module: {@link io.pushway.testsupport.Infrastructure}
 * (real Kafka and Redis, started once per JVM), {@link io.pushway.testsupport.TestKeys} (TLS and JWT key
 * material generated at run time), {@link io.pushway.testsupport.TestTokens}, and the OpenAPI document
 * checks each service runs ({@link io.pushway.testsupport.OpenApiDocumentTests} over
 * {@link io.pushway.testsupport.OpenApiSpec}).
 */
package io.pushway.testsupport;
