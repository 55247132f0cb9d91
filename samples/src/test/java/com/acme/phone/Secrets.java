// tag::file[]
package com.acme.phone;

/** Reads secrets from the environment; use your secret store instead. */
final class Secrets {
    private Secrets() {
    }

    static String get(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("set the environment variable " + name);
        }
        return value;
    }
}
// end::file[]
