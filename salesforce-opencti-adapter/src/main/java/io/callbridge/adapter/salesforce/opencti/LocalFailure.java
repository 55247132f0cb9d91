package io.callbridge.adapter.salesforce.opencti;

/** An invocation that never produced a Salesforce result. */
public record LocalFailure(Kind kind, String message) implements InvocationOutcome {

    public enum Kind {
        /** The Open CTI library threw synchronously in the bridge: Salesforce never saw the call. */
        INVALID_ARGUMENT,
        /** No result in time; Open CTI has no timeout of its own, so the server decides when to give up. */
        TIMEOUT,
        /** No bridge frame of the agent was there to run it. */
        NO_FRAME
    }

    public LocalFailure {
        Args.present(kind, "kind");
        Args.present(message, "message");
    }
}
