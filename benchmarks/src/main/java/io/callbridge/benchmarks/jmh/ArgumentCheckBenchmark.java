package io.callbridge.benchmarks.jmh;

import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the translation profiles pointed at: core's {@code Invocation} and {@code CallCommand.LinkCrmArtefact} checked
 * their arguments with {@code String.matches}, which compiles the regular expression on every call; then with the
 * pattern compiled once; now with a character loop. The first two are kept for comparison (the expressions are the
 * ones those classes used); {@code …Core} constructs the core record itself, whose check is the loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArgumentCheckBenchmark {
    private static final String INVOCATION_ID_REGEX = "[\\x21-\\x7e]{1,200}";
    private static final String LINK_KEY_REGEX = "[a-z][a-zA-Z0-9]*\\.[a-zA-Z0-9._-]{1,64}";
    private static final Pattern INVOCATION_ID = Pattern.compile(INVOCATION_ID_REGEX);
    private static final Pattern LINK_KEY = Pattern.compile(LINK_KEY_REGEX);

    private static final Invocation.Target ANY_FRAME = new Invocation.Target.AnyFrame(null);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AgentId AGENT = AgentId.of("acme", "alice");
    private static final CallId CALL = CallId.of("cb-3f9a1c2e");

    private final String invocationId = "hubspot:cb-3f9a1c2e-5b7d-4e21-9c3a-1f2e3d4c5b6a:CALL_COMPLETED";
    private final String linkKey = "hubspot.completed";

    @Benchmark
    public boolean invocationIdStringMatches() {
        return invocationId.matches(INVOCATION_ID_REGEX);
    }

    @Benchmark
    public boolean invocationIdPrecompiled() {
        return INVOCATION_ID.matcher(invocationId).matches();
    }

    @Benchmark
    public Invocation invocationCore() {
        return new Invocation(invocationId, "outgoingCall", "{}", ANY_FRAME, TIMEOUT);
    }

    @Benchmark
    public CallCommand.LinkCrmArtefact linkKeyCore() {
        return new CallCommand.LinkCrmArtefact(AGENT, CALL, linkKey, "2026-11-21T10:00:00Z");
    }

    @Benchmark
    public boolean linkKeyStringMatches() {
        return linkKey.matches(LINK_KEY_REGEX);
    }

    @Benchmark
    public boolean linkKeyPrecompiled() {
        return LINK_KEY.matcher(linkKey).matches();
    }
}
