package io.callbridge.transport.websocket.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import io.callbridge.core.Service;
import io.callbridge.transport.websocket.BridgeServer;
import io.callbridge.transport.websocket.internal.Lifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts callbridge from a vendor's {@code main}:
 *
 * <pre>{@code
 * try (var running = CallbridgeLauncher.start(new CoreModule(), new WebSocketTransportModule(),
 *         new HubSpotModule(), vendorModule)) {
 *     ... running.port() ...
 * }
 * }</pre>
 *
 * Builds the injector with {@code requireExplicitBindings()} (so a missing binding fails at start, not at the first
 * call), then starts every contributed {@link Service} in binding order and stops them in reverse.
 */
public final class CallbridgeLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(CallbridgeLauncher.class);
    private static final Key<Set<Service>> SERVICES = Key.get(new TypeLiteral<Set<Service>>() { });

    private CallbridgeLauncher() {
    }

    /** A started application. Closing it stops its services; idempotent. */
    public interface Running extends AutoCloseable {
        /** The bridge server's bound port. */
        int port();

        /** An object of the application, e.g. core's {@code CallEngine} or the {@code AgentTokens}. */
        <T> T instance(Class<T> type);

        @Override
        void close();
    }

    /**
     * @throws RuntimeException if the injector cannot be built or a service fails to start; services already
     *     started are stopped first. An {@link IllegalStateException} names a configuration error, such as a missing
     *     token key outside demo mode
     */
    public static Running start(Module... modules) {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                for (Module module : modules) {
                    install(module);
                }
            }
        });
        List<Service> started = new ArrayList<>();
        // Readiness says "starting" until the last service is up, though the bridge server may answer before that.
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.starting();
        try {
            for (Service service : services(injector)) {
                service.start();
                started.add(service);
            }
        } catch (RuntimeException e) {
            lifecycle.stopping();
            stopAll(started);
            throw e;
        }
        lifecycle.started();
        return new Running() {
            private boolean closed;

            @Override
            public int port() {
                return injector.getInstance(BridgeServer.class).port();
            }

            @Override
            public <T> T instance(Class<T> type) {
                return injector.getInstance(type);
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    lifecycle.stopping();
                    stopAll(started);
                }
            }
        };
    }

    /**
     * The services, built now. A configuration error found while building them (e.g. no token key) is rethrown with
     * its own message first, instead of inside Guice's report.
     */
    private static Set<Service> services(Injector injector) {
        try {
            return injector.getInstance(SERVICES);
        } catch (ProvisionException e) {
            if (e.getErrorMessages().size() == 1) {
                Throwable cause = e.getErrorMessages().iterator().next().getCause();
                if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
                    throw new IllegalStateException("cannot start callbridge: " + cause.getMessage(), e);
                }
            }
            throw e;
        }
    }

    private static void stopAll(List<Service> started) {
        List<Service> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (Service service : reverse) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                // Keep stopping the others; a half-stopped application is worse.
                LOG.warn("service {} failed to stop", service.getClass().getName(), e);
            }
        }
    }
}
