package io.callbridge.operations;

/**
 * A setting from the environment or the properties file that cannot be used: the message names the key (as the
 * environment variable or the file's property it came from) and the bad value, except for secrets, whose values are
 * never shown.
 */
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
