package io.callbridge.benchmarks.load;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the callbridge nodes asked of Redis over the measured window: every command Redis counted in the window (the
 * generator's own two {@code INFO} readings are left out), per second and per call dialled in the window.
 *
 * @param redis which Redis (the URI without its password, or the server the generator started)
 * @param nodes callbridge nodes on it
 * @param commands commands in the window
 * @param commandsPerSecond {@code commands} / the window's length
 * @param commandsPerCall {@code commands} / calls dialled in the window
 * @param perCallByCommand the same by command, largest first. Redis counts the commands a Lua script runs
 *     ({@code redis.call}) as well as the {@code EVALSHA} that ran it, so this is work done by Redis, not round trips
 * @param phoneReportsForwarded phone reports the nodes received from another node's phone system over the whole run
 *     (only with several nodes)
 */
public record RedisUse(String redis, int nodes, long commands, double commandsPerSecond, double commandsPerCall,
        Map<String, Double> perCallByCommand, long phoneReportsForwarded) {

    static RedisUse of(String redis, int nodes, RedisCommands window, long calls, double seconds,
            long phoneReportsForwarded) {
        Map<String, Long> counted = new LinkedHashMap<>(window.calls());
        counted.computeIfPresent("info", (k, n) -> n > 1 ? n - 1 : null); // the generator's INFO after the window
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> byCommand = new LinkedHashMap<>();
        counted.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> byCommand.put(e.getKey(), calls == 0 ? 0 : round(e.getValue() / (double) calls)));
        return new RedisUse(redis, nodes, total, seconds > 0 ? round(total / seconds) : 0,
                calls == 0 ? 0 : round(total / (double) calls), byCommand, phoneReportsForwarded);
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
