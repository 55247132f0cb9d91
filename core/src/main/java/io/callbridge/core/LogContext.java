package io.callbridge.core;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys callbridge sets while it handles one agent's input or events, so that a log pattern such as
 * {@code %X{callbridge.tenant}/%X{callbridge.agent} %X{callbridge.call}} ties every line to its agent and call. Set on
 * the threads where core applies a command or phone system report, where the transport handles a bridge's frame, and
 * on the serial queues the transport and the adapters run an agent's work on; cleared (the previous values put back)
 * when that work ends.
 */
public final class LogContext implements AutoCloseable {
    /** The agent's tenant. */
    public static final String TENANT = "callbridge.tenant";
    /** The agent's id within its tenant. */
    public static final String AGENT = "callbridge.agent";
    /** The call being worked on, when there is one. */
    public static final String CALL = "callbridge.call";

    private final @Nullable String tenant;
    private final @Nullable String agent;
    private final @Nullable String call;

    private LogContext() {
        this.tenant = MDC.get(TENANT);
        this.agent = MDC.get(AGENT);
        this.call = MDC.get(CALL);
    }

    /**
     * Puts the agent (and the call, if not null) into the MDC until {@link #close()}, which puts back what was there.
     * A null {@code call} keeps a call id already set for the same agent.
     */
    public static LogContext of(@Nullable AgentId agent, @Nullable CallId call) {
        LogContext previous = new LogContext();
        if (agent != null) {
            boolean sameAgent = agent.tenant().equals(previous.tenant) && agent.agent().equals(previous.agent);
            MDC.put(TENANT, agent.tenant());
            MDC.put(AGENT, agent.agent());
            if (call == null && !sameAgent) {
                MDC.remove(CALL);
            }
        }
        if (call != null) {
            MDC.put(CALL, call.value());
        }
        return previous;
    }

    /**
     * Sets the agent and call in the MDC without a scope of its own: for code that already runs inside a scope opened
     * with {@link #of}, which puts back the values from before it when it closes.
     */
    public static void enter(AgentId agent, @Nullable CallId call) {
        MDC.put(TENANT, agent.tenant());
        MDC.put(AGENT, agent.agent());
        if (call != null) {
            MDC.put(CALL, call.value());
        }
    }

    @Override
    public void close() {
        restore(TENANT, tenant);
        restore(AGENT, agent);
        restore(CALL, call);
    }

    private static void restore(String key, @Nullable String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
