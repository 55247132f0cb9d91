package io.callbridge.core;

/**
 * How many threads each pool has whose tasks call the {@link CallEngine}: core's default
 * {@link io.callbridge.core.bridge.BridgeScheduler}, on which adapters run their steps, and the transport's workers,
 * which run frames and softphone refreshes.
 *
 * <p>The in-memory engine never waits, so one thread per core serves ({@link #perCore()}, core's default). An engine
 * whose state is across the network waits for a reply on every call, and a thread that waits does no other work: with
 * one thread per core, a node on Redis is bound by round trips rather than by its CPU, and its tail grows long well
 * before its cores are busy. A module that moves the state elsewhere binds more (cluster-redis binds
 * {@code RedisSettings.engineThreads}, 16 by default); a vendor replaces it with
 * {@code OptionalBinder.newOptionalBinder(binder(), EngineThreads.class).setBinding().toInstance(...)} when no such
 * module does. Threads that wait cost memory for their stacks, not CPU.
 *
 * @param threads threads per pool, 1 to {@value #MAX}
 */
public record EngineThreads(int threads) {

    /** The most threads a pool may be given. */
    public static final int MAX = 256;

    public EngineThreads {
        if (threads < 1 || threads > MAX) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX + ", was " + threads);
        }
    }

    /** One thread per available core, and at least two: for an engine that never waits. */
    public static EngineThreads perCore() {
        return new EngineThreads(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }
}
