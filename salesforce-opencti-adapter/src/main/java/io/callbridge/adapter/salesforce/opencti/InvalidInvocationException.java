package io.callbridge.adapter.salesforce.opencti;

/**
 * An Open CTI invocation or event was built with an argument the Open CTI library (or this project's stricter
 * ranges) would not accept. Thrown when the value is built, never later at the bridge.
 */
public final class InvalidInvocationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String argument;

    public InvalidInvocationException(String argument, String problem) {
        super(argument + ": " + problem);
        this.argument = argument;
    }

    /** The offending argument as a dotted path inside the method's argument object, e.g. {@code params.recordId}. */
    public String argument() {
        return argument;
    }
}
