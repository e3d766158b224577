package io.pushway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushway.testsupport.TestKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The public listener's TLS policy, checked with {@code openssl s_client} as an outside client would:
 * TLS 1.3 and 1.2 with forward-secret AEAD suites only, HTTP/2 by ALPN, and a certificate replaced
 * on disk is served without a restart. (Both services share this configuration, {@code pushway-common.yml}.)
 */
class TlsIntegrationTests extends IngestIntegrationTest {

    @Test
    void onlyTls12And13WithModernSuitesAreAccepted() throws Exception {
        assertThat(handshake("-tls1_3")).contains("Protocol version: TLSv1.3");
        assertThat(handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"))
                .contains("Protocol version: TLSv1.2").contains("Ciphersuite: ECDHE-ECDSA-AES128-GCM-SHA256");

        // CBC suites the JDK would otherwise accept, and old protocol versions, are refused.
        assertThat(refused("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256")).isTrue();
        assertThat(refused("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA")).isTrue();
        assertThat(refused("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")).isTrue();
        assertThat(refused("-tls1", "-cipher", "DEFAULT@SECLEVEL=0")).isTrue();
    }

    @Test
    void http2IsNegotiatedByAlpn() throws Exception {
        try (SSLSocket socket = socket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        }
    }

    @Test
    void aCertificateReplacedOnDiskIsServedWithoutRestart() throws Exception {
        TestKeys keys = TestKeys.shared();
        BigInteger before = servedCertificate().getSerialNumber();

        // A new key and certificate from the same CA, as cert-manager or an operator would write them.
        Path next = Files.createTempDirectory("pushway-rotated");
        Files.createDirectories(next.resolve("tls"));
        for (String file : List.of("ca.pem", "ca-key.pem")) {
            Files.copy(keys.dir().resolve("tls").resolve(file), next.resolve("tls").resolve(file));
        }
        TestKeys rotated = TestKeys.generate(next);
        Files.move(rotated.serverPrivateKey(), keys.serverPrivateKey(), StandardCopyOption.REPLACE_EXISTING);
        Files.move(rotated.serverCertificate(), keys.serverCertificate(), StandardCopyOption.REPLACE_EXISTING);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(servedCertificate().getSerialNumber()).isNotEqualTo(before));
        http.get().uri("/api/v1/messages/x").exchange().expectStatus().isUnauthorized();
    }

    private X509Certificate servedCertificate() throws IOException {
        try (SSLSocket socket = socket()) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private SSLSocket socket() throws IOException {
        return (SSLSocket) TestKeys.shared().clientSslContext().getSocketFactory().createSocket("127.0.0.1", port);
    }

    private String handshake(String... options) throws Exception {
        Result result = openssl(options);
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    private boolean refused(String... options) throws Exception {
        Result result = openssl(options);
        return result.exit() != 0 && !result.output().contains("CONNECTION ESTABLISHED");
    }

    private record Result(int exit, String output) {
    }

    private Result openssl(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", TestKeys.shared().caCertificate().toString(),
                "-verify_return_error", "-brief"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
