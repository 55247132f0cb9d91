package io.callbridge.cluster.redis.tool;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.spi.SigningKeyStore;
import io.callbridge.core.spi.SigningKeyStore.SigningKeys;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A command-line tool for a deployment's agent-token signing keys in Redis ({@link SigningKeyStore}): shows their
 * ids, rotates them, or drops the previous key. It prints key ids, never secrets.
 *
 * <pre>
 * java -cp … io.callbridge.cluster.redis.tool.TokenKeysTool --redis redis://:secret@host:6379 [--prefix P] show|rotate|drop-previous
 * </pre>
 *
 * A rotation reaches signing on every node within 5 s (the transport reads the keys again that often), and tokens
 * signed with the key made previous keep verifying; drop the previous key once the longest token lifetime has passed.
 * Also usable from code: {@link #run(List, PrintStream)}.
 */
public final class TokenKeysTool {
    private static final String USAGE = "usage: TokenKeysTool --redis URI [--prefix KEY_PREFIX] "
            + "[--timeout SECONDS] show|rotate|drop-previous";

    private TokenKeysTool() {
    }

    public static void main(String[] args) {
        // A command-line tool's output is its result, not a log: written to the process's standard output (the
        // descriptor, as library code never touches System.out).
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int code = run(List.of(args), out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs one command and prints its outcome (or the error) to {@code out}.
     *
     * @return 0 when done, 2 for wrong arguments, 1 when Redis could not be reached or the command failed
     */
    public static int run(List<String> args, PrintStream out) {
        String uri = null;
        String prefix = null;
        String command = null;
        Integer timeout = null;
        List<String> rest = new ArrayList<>(args);
        try {
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                switch (arg) {
                    case "--redis" -> uri = value(rest, arg);
                    case "--prefix" -> prefix = value(rest, arg);
                    case "--timeout" -> timeout = Integer.parseInt(value(rest, arg));
                    default -> {
                        if (command != null || arg.startsWith("-")) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        }
                        command = arg;
                    }
                }
            }
            if (uri == null || command == null) {
                throw new IllegalArgumentException("--redis and a command are required");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Function<SigningKeyStore, SigningKeys> action = switch (command) {
            case "show" -> SigningKeyStore::keys;
            case "rotate" -> SigningKeyStore::rotate;
            case "drop-previous" -> SigningKeyStore::dropPrevious;
            default -> null;
        };
        if (action == null) {
            out.println("unknown command '" + command + "'");
            out.println(USAGE);
            return 2;
        }
        RedisSettings settings;
        try {
            settings = RedisSettings.of(uri);
            if (prefix != null) {
                settings = settings.withKeyPrefix(prefix);
            }
            if (timeout != null) {
                settings = settings.withCommandTimeout(java.time.Duration.ofSeconds(timeout));
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        try (RedisBackend backend = RedisBackend.connect(settings, CoreSettings.DEFAULTS)) {
            SigningKeys keys = action.apply(backend.signingKeys());
            out.println("current: " + keys.current().id());
            out.println("previous: " + (keys.previous() == null ? "none" : keys.previous().id()));
            return 0;
        } catch (RuntimeException e) {
            out.println(command + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static String value(List<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
