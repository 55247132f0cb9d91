package io.callbridge.samples.demo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.transport.websocket.TransportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS12 keystore the demo serves https/wss from: either a development keystore with a self-signed certificate
 * for {@code localhost}, {@code 127.0.0.1} and the Salesforce host simulator's {@link DemoOptions#SALESFORCE_HOST_NAME},
 * made on first use by the JDK's own {@code keytool} and reused while it
 * is valid, or one the user brings.
 *
 * @param tls keystore and password, as the transport takes them
 * @param certificate the server certificate (first key entry)
 * @param certificateFile the certificate as PEM next to a generated keystore (for {@code curl --cacert} or a trust
 *     store), null for a keystore the user brought
 * @param generatedNow whether this run made the keystore
 */
public record DemoKeystore(TransportSettings.Tls tls, X509Certificate certificate, @Nullable Path certificateFile,
        boolean generatedNow) {
    private static final Logger LOG = LoggerFactory.getLogger(DemoKeystore.class);
    static final String NAME = "callbridge-demo";
    static final int VALIDITY_DAYS = 30;
    /** A generated certificate with less than this left is replaced. */
    private static final Duration MIN_REMAINING = Duration.ofDays(1);
    private static final String PASSWORD_VARIABLE = "CALLBRIDGE_DEMO_KEYSTORE_PASSWORD";

    public DemoKeystore {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * The development keystore in {@code dir} ({@code callbridge-demo.p12}, its random password in
     * {@code callbridge-demo.password}, the certificate in {@code callbridge-demo.pem}); made by keytool when missing,
     * unreadable, expiring within a day or not for every name of the demo. Demos sharing {@code dir} take turns, by a
     * lock on {@code callbridge-demo.lock}: the first makes the keystore and the others reuse it.
     */
    public static DemoKeystore development(Path dir) {
        // Demos started together in one directory (two nodes with --tls, two test JVMs) would each make a keystore, and
        // all but the last writer's password would no longer open the file the server reads: one maker at a time,
        // the others then find its keystore. A file lock for other processes, a monitor for this one's threads.
        synchronized (DemoKeystore.class) {
            try {
                Files.createDirectories(dir);
                try (FileChannel lockFile = FileChannel.open(dir.resolve(NAME + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
                    return developmentLocked(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the development keystore to " + dir, e);
            }
        }
    }

    private static DemoKeystore developmentLocked(Path dir) {
        Path keystore = dir.resolve(NAME + ".p12");
        Path passwordFile = dir.resolve(NAME + ".password");
        Path pem = dir.resolve(NAME + ".pem");
        if (Files.isRegularFile(keystore) && Files.isRegularFile(passwordFile)) {
            try {
                String password = Files.readString(passwordFile, UTF_8).strip();
                DemoKeystore existing = open(keystore, password, pem, false);
                if (existing.fitsTheDemo()) {
                    writePem(existing.certificate, pem);
                    return existing;
                }
                LOG.info("replacing the development keystore {}: its certificate expires {} or is not for "
                        + "every name of the demo", keystore, existing.certificate.getNotAfter().toInstant());
            } catch (IOException | IllegalArgumentException e) {
                LOG.info("replacing the development keystore {}: {}", keystore, e.getMessage());
            }
        }
        try {
            Files.createDirectories(dir);
            String password = randomPassword();
            Path tmpKeystore = dir.resolve(NAME + "-" + System.nanoTime() + ".p12.tmp");
            Path tmpPassword = dir.resolve(NAME + "-" + System.nanoTime() + ".password.tmp");
            try {
                keytool(tmpKeystore, password);
                Files.writeString(tmpPassword, password + "\n", UTF_8);
                ownerOnly(tmpPassword);
                ownerOnly(tmpKeystore);
                move(tmpPassword, passwordFile);
                move(tmpKeystore, keystore);
            } finally {
                Files.deleteIfExists(tmpKeystore);
                Files.deleteIfExists(tmpPassword);
            }
            DemoKeystore made = open(keystore, password, pem, true);
            writePem(made.certificate, pem);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development keystore to " + dir, e);
        }
    }

    /** A PKCS12 keystore of the user's; throws IllegalArgumentException when it cannot be opened. */
    public static DemoKeystore open(Path keystore, String password) {
        try {
            return open(keystore, password, null, false);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static DemoKeystore open(Path keystore, String password, @Nullable Path pem, boolean generatedNow)
            throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open the PKCS12 keystore " + keystore + ": " + e, e);
        } catch (IOException e) {
            // A wrong password surfaces as an IOException caused by UnrecoverableKeyException.
            throw new IllegalArgumentException("cannot open the PKCS12 keystore " + keystore
                    + " (wrong password or not PKCS12?): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate) {
                        return new DemoKeystore(new TransportSettings.Tls(keystore, password),
                                (X509Certificate) chain[0], pem, generatedNow);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the keystore " + keystore + ": " + e, e);
        }
        throw new IllegalArgumentException("the keystore " + keystore + " holds no private key with an X.509 "
                + "certificate");
    }

    /** Whether the certificate signed itself (browsers warn about it unless it is trusted explicitly). */
    public boolean selfSigned() {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** SHA-256 fingerprint of the certificate, as browsers show it ({@code AB:CD:…}). */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            StringBuilder b = new StringBuilder();
            for (byte x : digest) {
                if (b.length() > 0) {
                    b.append(':');
                }
                b.append(String.format(Locale.ROOT, "%02X", x & 0xff));
            }
            return b.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The SHA-256 of the certificate's public key, base64: what Chromium's {@code --ignore-certificate-errors-spki-list}
     * takes to trust exactly this certificate, also on an HSTS host such as {@code *.force.com}, where a browser offers
     * no way past the warning.
     */
    public String spkiPin() {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Host names and IP addresses the certificate is for (its subject alternative names). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    // 2 = dNSName, 7 = iPAddress
                    if (san.size() >= 2 && (Integer.valueOf(2).equals(san.get(0))
                            || Integer.valueOf(7).equals(san.get(0)))) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            LOG.debug("unreadable subject alternative names", e);
        }
        return names;
    }

    private boolean fitsTheDemo() {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now().plus(MIN_REMAINING))) {
            return false;
        }
        List<String> names = names();
        return names.contains("localhost") && names.contains(DemoOptions.SALESFORCE_HOST_NAME)
                && names.stream().anyMatch(DemoKeystore::isLoopbackIpv4);
    }

    private static boolean isLoopbackIpv4(String name) {
        return name.equals("127.0.0.1") || name.equals("127.0.0.1/32");
    }

    /** Runs {@code ${java.home}/bin/keytool}: an EC P-256 key, self-signed for every name of the demo. */
    private static void keytool(Path keystore, String password) throws IOException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path keytool = Files.isExecutable(bin.resolve("keytool")) ? bin.resolve("keytool") : bin.resolve("keytool.exe");
        ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair",
                "-alias", NAME,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost, OU=callbridge demo (development only)",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1,dns:" + DemoOptions.SALESFORCE_HOST_NAME,
                "-ext", "KU=digitalSignature",
                "-ext", "EKU=serverAuth",
                "-validity", String.valueOf(VALIDITY_DAYS),
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                // From the environment, so the password never shows in a process listing.
                "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE,
                "-noprompt")
                .redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), UTF_8).strip();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(keytool + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + keytool + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(keytool + " failed (exit " + process.exitValue() + "): " + output);
        }
    }

    private static void writePem(X509Certificate certificate, Path pem) throws IOException {
        String text;
        try {
            text = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the certificate", e);
        }
        if (!Files.isRegularFile(pem) || !Files.readString(pem, US_ASCII).equals(text)) {
            Path tmp = pem.resolveSibling(pem.getFileName() + "-" + System.nanoTime() + ".tmp");
            Files.writeString(tmp, text, US_ASCII);
            move(tmp, pem);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("no POSIX permissions for {}", file);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
