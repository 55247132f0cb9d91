package io.callbridge.benchmarks.load;

import java.util.Map;
import java.util.TreeMap;

/**
 * Commands a Redis server ran, by name, as {@code INFO commandstats} counts them ({@code cmdstat_evalsha:calls=12,...}).
 * Two readings subtracted give what happened between them.
 *
 * @param calls calls by command name (lower case, as Redis names them; {@code config|get} for subcommands)
 */
public record RedisCommands(Map<String, Long> calls) {
    public RedisCommands {
        calls = Map.copyOf(calls);
    }

    /** Reads the answer of {@code INFO commandstats}. */
    static RedisCommands parse(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            int start = line.indexOf("calls=", colon);
            if (colon < 0 || start < 0) {
                throw new IllegalArgumentException("not a commandstats line: " + line);
            }
            int end = line.indexOf(',', start);
            String n = line.substring(start + "calls=".length(), end < 0 ? line.length() : end);
            calls.put(line.substring("cmdstat_".length(), colon), Long.parseLong(n));
        }
        return new RedisCommands(calls);
    }

    /** What ran since {@code earlier}; commands that did not run are left out. */
    RedisCommands minus(RedisCommands earlier) {
        Map<String, Long> diff = new TreeMap<>();
        calls.forEach((name, n) -> {
            long d = n - earlier.calls.getOrDefault(name, 0L);
            if (d > 0) {
                diff.put(name, d);
            }
        });
        return new RedisCommands(diff);
    }

    long total() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
