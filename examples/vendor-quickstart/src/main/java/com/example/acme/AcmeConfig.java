package com.example.acme;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How Acme's callbridge server runs.
 *
 * @param host interface to listen on
 * @param port TCP port
 * @param publicOrigin the origin browsers load the softphone pages from (the only one allowed to open a bridge), e.g.
 *     {@code https://phone.acme.example}
 * @param keystore PKCS12 keystore to serve https/wss from; null: plain http behind a TLS-terminating proxy
 * @param keystorePassword its password
 * @param tokenSecret the agent-token key, 32+ random bytes, the same on every node
 * @param mainLine the caller id of outbound calls
 * @param agentPassword the one password of the example's sign-in ({@link AcmeSignIn#authenticate}), a stand-in for
 *     Acme's real identity provider
 */
public record AcmeConfig(String host, int port, String publicOrigin, @Nullable Path keystore,
        @Nullable String keystorePassword, byte[] tokenSecret, String mainLine, String agentPassword) {
    public AcmeConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicOrigin, "publicOrigin");
        Objects.requireNonNull(tokenSecret, "tokenSecret");
        Objects.requireNonNull(mainLine, "mainLine");
        Objects.requireNonNull(agentPassword, "agentPassword");
        if (agentPassword.length() < 12) {
            throw new IllegalArgumentException("agentPassword must be at least 12 characters");
        }
        if (tokenSecret.length < 32) {
            throw new IllegalArgumentException("tokenSecret must be at least 32 bytes, not " + tokenSecret.length);
        }
        if ((keystore == null) != (keystorePassword == null)) {
            throw new IllegalArgumentException("keystore and keystorePassword go together");
        }
    }

    /**
     * From the environment: {@code ACME_HOST} (default 0.0.0.0), {@code ACME_PORT} (8443), {@code ACME_ORIGIN},
     * {@code ACME_KEYSTORE} and {@code ACME_KEYSTORE_PASSWORD} (optional), {@code ACME_TOKEN_SECRET} (base64),
     * {@code ACME_MAIN_LINE}, {@code ACME_AGENT_PASSWORD}.
     */
    static AcmeConfig fromEnvironment() {
        String keystore = System.getenv("ACME_KEYSTORE");
        return new AcmeConfig(env("ACME_HOST", "0.0.0.0"), Integer.parseInt(env("ACME_PORT", "8443")),
                required("ACME_ORIGIN"), keystore == null ? null : Path.of(keystore),
                keystore == null ? null : required("ACME_KEYSTORE_PASSWORD"),
                Base64.getDecoder().decode(required("ACME_TOKEN_SECRET")), required("ACME_MAIN_LINE"),
                required("ACME_AGENT_PASSWORD"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    @Override
    public String toString() {
        return "AcmeConfig[host=" + host + ", port=" + port + ", publicOrigin=" + publicOrigin + ", tls="
                + (keystore != null) + ", mainLine=" + mainLine + "]";
    }
}
