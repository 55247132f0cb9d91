package io.callbridge.benchmarks.load;

/**
 * The environment variables through which the generator hands secrets to the server JVMs it starts (never on their
 * command line, which any user of the machine can read).
 */
public final class LoadServerEnv {
    /** The agent-token secret, hex. */
    public static final String SECRET = "CALLBRIDGE_BENCH_SECRET";
    /** The password of the TLS keystore named by {@code --tls}. */
    public static final String KEYSTORE_PASSWORD = "CALLBRIDGE_BENCH_KEYSTORE_PASSWORD";
    /** The Redis URI (it may carry a password); unset for core's in-memory stores. */
    public static final String REDIS = "CALLBRIDGE_BENCH_REDIS";

    private LoadServerEnv() {
    }
}
