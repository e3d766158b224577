package io.pushway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS and JWT key material for tests, generated at run time by the local stack's own
 * {@code deploy/local/pki.sh} into a temporary directory: a local CA, a server certificate for
 * localhost/127.0.0.1, and an RSA key pair for signing tokens. Nothing secret is committed.
 */
public final class TestKeys {

    private static TestKeys shared;

    private final Path dir;

    private TestKeys(Path dir) {
        this.dir = dir;
    }

    /** The JVM-wide key material, generated on first use. */
    public static synchronized TestKeys shared() {
        if (shared == null) {
            try {
                shared = generate(Files.createTempDirectory("pushway-keys"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Generates key material into {@code dir} with {@code deploy/local/pki.sh}. */
    public static TestKeys generate(Path dir) {
        Path script = RepositoryRoot.path().resolve("deploy/local/pki.sh");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pki.sh failed: " + output);
            }
            return new TestKeys(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve("tls/ca.pem");
    }

    public Path serverCertificate() {
        return dir.resolve("tls/server.pem");
    }

    public Path serverPrivateKey() {
        return dir.resolve("tls/server-key.pem");
    }

    public Path jwtPublicKey() {
        return dir.resolve("jwt/public.pem");
    }

    /** The token-signing key (PKCS#8 PEM as written by pki.sh). */
    public RSAPrivateKey jwtPrivateKey() {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(pemBytes(dir.resolve("jwt/private.pem"))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token-checking key (X.509 SubjectPublicKeyInfo PEM as written by pki.sh). */
    public RSAPublicKey jwtPublicKeyValue() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(pemBytes(jwtPublicKey())));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pemBytes(Path file) {
        try {
            return Base64.getMimeDecoder().decode(Files.readString(file).replaceAll("-----[A-Z ]+-----", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client TLS context that trusts only the test CA. */
    public SSLContext clientSslContext() {
        try (var in = Files.newInputStream(caCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("pushway-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
