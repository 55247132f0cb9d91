package io.callbridge.core;

/**
 * Something that runs in the background once the application is wired. Modules contribute services with a Guice
 * {@code Multibinder<Service>}; the launcher starts them after the injector is built (no I/O in modules) and stops them
 * in reverse order.
 */
public interface Service {
    void start();

    void stop();
}
