package io.callbridge.benchmarks.load;

import java.util.Map;

/**
 * What one server (the project's or the raw echo) did under the generator, over the measured window.
 *
 * @param server {@code callbridge} or {@code raw-echo}
 * @param sessionsRequested sessions the generator opened
 * @param sessionsHeld sessions still open and usable at the end of the measured window
 * @param connectSeconds time to open (and, for callbridge, authenticate and log in) every session
 * @param callsPerSecond calls dialled in the window and logged (CALL_COMPLETED received), per second; 0 for the echo
 * @param framesPerSecond WebSocket text frames per second, both directions, as the generator counted them
 * @param framesOutPerSecond generator → server
 * @param framesInPerSecond server → generator
 * @param meanFrameBytes mean frame size (characters; the protocol is ASCII JSON), both directions
 * @param latencyMicros latency summaries by name, in µs
 * @param errors errors by kind; empty when none
 * @param heapIdleBytes server heap in use after GC before any session
 * @param heapWithSessionsBytes after GC with every session open, before the load
 * @param heapAfterLoadBytes after GC at the end, sessions still open
 * @param heapPerSessionBytes (heapWithSessions - heapIdle) / sessions held
 * @param heapPerCallKeptBytes (heapAfterLoad - heapWithSessions) / every call logged in the run, warm-up included:
 *     what core (and the adapters) keep per wrapped-up call until {@code CoreSettings.callRetention} forgets it
 * @param serverCpuCores server process CPU time / wall time over the window (2 = both cores of this machine)
 * @param serverCpuMicrosPerFrame server CPU per frame carried
 * @param generatorCpuCores the generator's own CPU share over the window (it shares the machine)
 * @param serverGc the server's garbage collections in the window
 * @param idleCpuMicrosPerSessionSecond server CPU per open session per second with no traffic from the generator
 *     ({@code --idle-seconds}), or -1 when not measured
 */
public record RunResult(String server, int sessionsRequested, int sessionsHeld, double connectSeconds,
        double callsPerSecond, double framesPerSecond, double framesOutPerSecond, double framesInPerSecond,
        double meanFrameBytes, Map<String, Percentiles> latencyMicros, Map<String, Long> errors, long heapIdleBytes,
        long heapWithSessionsBytes, long heapAfterLoadBytes, long heapPerSessionBytes, long heapPerCallKeptBytes,
        double serverCpuCores, double serverCpuMicrosPerFrame, double generatorCpuCores, GcPauses serverGc,
        double idleCpuMicrosPerSessionSecond) {

    public RunResult {
        latencyMicros = Map.copyOf(latencyMicros);
        errors = Map.copyOf(errors);
    }

    /** A result without an idle measurement. */
    public RunResult(String server, int sessionsRequested, int sessionsHeld, double connectSeconds,
            double callsPerSecond, double framesPerSecond, double framesOutPerSecond, double framesInPerSecond,
            double meanFrameBytes, Map<String, Percentiles> latencyMicros, Map<String, Long> errors, long heapIdleBytes,
            long heapWithSessionsBytes, long heapAfterLoadBytes, long heapPerSessionBytes, long heapPerCallKeptBytes,
            double serverCpuCores, double serverCpuMicrosPerFrame, double generatorCpuCores, GcPauses serverGc) {
        this(server, sessionsRequested, sessionsHeld, connectSeconds, callsPerSecond, framesPerSecond,
                framesOutPerSecond, framesInPerSecond, meanFrameBytes, latencyMicros, errors, heapIdleBytes,
                heapWithSessionsBytes, heapAfterLoadBytes, heapPerSessionBytes, heapPerCallKeptBytes, serverCpuCores,
                serverCpuMicrosPerFrame, generatorCpuCores, serverGc, -1);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
