package io.pushway.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link Infrastructure} once per JVM and publishes its endpoints as system
 * properties Spring Boot reads: {@code spring.kafka.bootstrap-servers}, {@code spring.data.redis.url},
 * {@code pushway.tls.*} and how tokens are checked (the {@link JwksServer}, issuer and audience).
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
        // Tokens are checked as in production: keys from a JWK Set endpoint, issuer and audience required.
        System.setProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.shared().uri());
        System.setProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER);
        System.setProperty("spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE);
    }
}
