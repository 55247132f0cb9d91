package io.callbridge.core.spi;

/** The phone system refused or failed a request. The message is shown to the agent. */
public class TelephonyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TelephonyException(String message) {
        super(message);
    }

    public TelephonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
