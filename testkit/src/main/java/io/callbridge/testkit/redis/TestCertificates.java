package io.callbridge.testkit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority and a server certificate signed by it, made at test time with {@code openssl} in a
 * directory: {@code ca.crt} (what clients trust), {@code redis.crt} and {@code redis.key} (the server's, for
 * {@code 127.0.0.1} and {@code localhost}). Valid for two days; nothing is kept between runs.
 */
public final class TestCertificates {
    private final Path ca;
    private final Path certificate;
    private final Path key;

    private TestCertificates(Path directory) {
        this.ca = directory.resolve("ca.crt");
        this.certificate = directory.resolve("redis.crt");
        this.key = directory.resolve("redis.key");
    }

    /**
     * Makes a CA and a server certificate in {@code directory}.
     *
     * @throws IllegalStateException if {@code openssl} is missing or fails
     */
    public static TestCertificates create(Path directory) {
        TestCertificates c = new TestCertificates(directory);
        try {
            Files.createDirectories(directory);
            Path ext = directory.resolve("server.ext");
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                    + "extendedKeyUsage=serverAuth,clientAuth\n");
            openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                    "-days", "2", "-subj", "/CN=callbridge test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "redis.key", "-out", "redis.csr",
                    "-subj", "/CN=localhost");
            openssl(directory, "x509", "-req", "-in", "redis.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "redis.crt", "-days", "2", "-extfile", "server.ext");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificates in " + directory, e);
        }
        return c;
    }

    /** The CA's certificate (PEM): what a client trusts. */
    public Path caCertificate() {
        return ca;
    }

    /** The server's certificate (PEM). */
    public Path certificate() {
        return certificate;
    }

    /** The server's private key (PEM, unencrypted). */
    public Path key() {
        return key;
    }

    /** A TLS context that trusts only the CA, for the test servers' own checks. */
    SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(ca)) {
            Certificate caCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test CA " + ca, e);
        }
    }

    private static void openssl(Path directory, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while making test certificates", e);
        }
    }
}
