package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.SideEffect;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An Open CTI call the flow owes Salesforce (a screen pop, a Task, a work completion), as core's {@code Delivery}
 * runs it: encoded once, judged by {@link OpenCtiJudge}, and handed to the flow as Salesforce's decoded result once it
 * succeeded. The frame to run it on is asked for at every attempt, so a retry follows the agent to the tab they use
 * now. Callbacks run on the agent bridge's serial queue.
 */
abstract class OpenCtiSideEffect implements SideEffect {
    private final String key;
    private final String method;
    private final String argsJson;
    private final OpenCtiCodec codec;
    private final Supplier<@Nullable String> preferredFrame;

    OpenCtiSideEffect(String key, OpenCtiInvocation invocation, OpenCtiCodec codec,
            Supplier<@Nullable String> preferredFrame) {
        this.key = Objects.requireNonNull(key, "key");
        this.method = invocation.method();
        this.argsJson = codec.encodeArgs(invocation);
        this.codec = codec;
        this.preferredFrame = preferredFrame;
    }

    /** What to do with Salesforce's successful result. */
    abstract void succeeded(OpenCtiResult result);

    @Override
    public final String key() {
        return key;
    }

    @Override
    public final String method() {
        return method;
    }

    @Override
    public final String argsJson() {
        return argsJson;
    }

    @Override
    public final @Nullable String preferredFrame() {
        return preferredFrame.get();
    }

    @Override
    public final Verdict judge(InvocationResult result) {
        return OpenCtiJudge.judge(result, codec);
    }

    @Override
    public final void succeeded(InvocationResult.Success result) {
        // Read again rather than kept from judge(): the judge keeps no state, and a result is a few hundred bytes.
        succeeded(codec.decodeResult(result.valueJson()));
    }

    @Override
    public String toString() {
        return method + "[" + key + "]";
    }
}
