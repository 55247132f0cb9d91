package io.callbridge.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The keystore for {@code --tls}: a fresh self-signed RSA key for 127.0.0.1, made by the JDK's own {@code keytool}
 * (no third-party code), and the trust store the generator's client builds from its certificate.
 */
final class SelfSignedKeystore {
    static final String ALIAS = "callbridge-bench";

    private SelfSignedKeystore() {
    }

    /** Makes {@code bench-tls.p12} in {@code dir} (replacing an old one) with {@code password}. */
    static Path create(Path dir, String password) throws IOException, InterruptedException {
        Path keystore = dir.resolve("bench-tls.p12");
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password,
                "-noprompt")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(keystore)) {
            p.destroyForcibly();
            throw new IOException("keytool could not make " + keystore + ": " + out);
        }
        return keystore;
    }

    /** A trust store holding only the certificate of {@code keystore}, which {@link #create} made. */
    static KeyStore trustStore(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            source.load(in, password.toCharArray());
        }
        Certificate certificate = source.getCertificate(ALIAS);
        if (certificate == null) {
            throw new GeneralSecurityException("no certificate " + ALIAS + " in " + keystore);
        }
        trust.setCertificateEntry(ALIAS, certificate);
        return trust;
    }
}
