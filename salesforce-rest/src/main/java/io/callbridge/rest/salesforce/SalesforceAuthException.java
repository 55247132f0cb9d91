package io.callbridge.rest.salesforce;

/**
 * Salesforce gave no access token: it refused the JWT bearer login (the certificate does not match the key, the
 * user is not pre-authorised for the app, the consumer key is wrong). The message names the consumer key, the user
 * and Salesforce's error code, never the key or a token.
 */
public final class SalesforceAuthException extends Exception {
    private static final long serialVersionUID = 1L;

    public SalesforceAuthException(String message) {
        super(message);
    }

    public SalesforceAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
