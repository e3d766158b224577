package io.pushway.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link Infrastructure} once per JVM and publishes its endpoints as system
 * properties Spring Boot reads: {@code spring.kafka.bootstrap-servers}, {@code spring.data.redis.url},
 * {@code pushway.tls.*} and the JWT public key location.
 */
final class InfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Infrastructure infrastructure = Infrastructure.shared();
        System.setProperty("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        System.setProperty("spring.data.redis.url", infrastructure.redisUrl());
        TestKeys keys = TestKeys.shared();
        System.setProperty("pushway.tls.certificate", "file:" + keys.serverCertificate());
        System.setProperty("pushway.tls.private-key", "file:" + keys.serverPrivateKey());
        System.setProperty("spring.security.oauth2.resourceserver.jwt.public-key-location",
                "file:" + keys.jwtPublicKey());
    }
}
