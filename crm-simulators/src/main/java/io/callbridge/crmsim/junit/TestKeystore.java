package io.callbridge.crmsim.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed PKCS12 keystore for tests, made by the JDK's own {@code keytool}: an EC P-256 key for
 * {@code localhost}, {@code 127.0.0.1} and {@link CrmSimulators#SALESFORCE_HOST_NAME}, valid for 7 days. The
 * simulators' browser accepts it; nothing else should. Serve your callbridge server's https/wss from it in a test
 * ({@code TransportSettings.withTls(new Tls(keystore.path(), keystore.password()))}), since the Salesforce host is
 * https and an https page cannot embed an http softphone.
 *
 * @param path the keystore file
 * @param password its store and key password
 */
public record TestKeystore(Path path, String password) {
    public TestKeystore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
    }

    /** Makes a new keystore in {@code dir} (created if missing). */
    public static TestKeystore create(Path dir) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(dir);
            Path keystore = dir.resolve("crmsim-" + System.nanoTime() + ".p12");
            Path bin = Path.of(System.getProperty("java.home"), "bin");
            Path keytool = Files.isExecutable(bin.resolve("keytool")) ? bin.resolve("keytool") : bin.resolve("keytool.exe");
            ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair",
                    "-alias", "crmsim",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=localhost, OU=callbridge CRM simulators (tests only)",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,dns:" + CrmSimulators.SALESFORCE_HOST_NAME,
                    "-ext", "EKU=serverAuth",
                    "-validity", "7",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass:env", "CRMSIM_KEYSTORE_PASSWORD", "-keypass:env", "CRMSIM_KEYSTORE_PASSWORD",
                    "-noprompt")
                    .redirectErrorStream(true);
            builder.environment().put("CRMSIM_KEYSTORE_PASSWORD", password);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(keytool + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(keytool + " failed (exit " + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new TestKeystore(keystore, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }

    @Override
    public String toString() {
        return "TestKeystore[" + path + "]";
    }
}
