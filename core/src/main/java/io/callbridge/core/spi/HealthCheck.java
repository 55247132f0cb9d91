package io.callbridge.core.spi;

import java.util.Objects;

/**
 * One thing the deployment needs before it can serve agents, asked by the readiness endpoint on every request: core
 * contributes the state store's check (replaceable, see {@code CoreModule.STORE_HEALTH}); a vendor adds its own, e.g.
 * its connection to the phone system, with {@code Multibinder.newSetBinder(binder(), HealthCheck.class)
 * .addBinding().to(...)}.
 *
 * <p>A check is called on a request thread and should answer within a second or two (e.g. one PING); it must not
 * throw for a failure it can name, but report {@link Status#down}. A check that throws counts as down, with the
 * exception's class as its reason.
 */
public interface HealthCheck {

    /** A short, stable name shown in the readiness body, e.g. {@code store}; lower-case letters, digits, {@code .-_}. */
    String name();

    /** Whether the thing is usable now. */
    Status check();

    /** The answer of one check. */
    record Status(boolean isUp, String detail) {
        private static final Status UP = new Status(true, "up");

        public Status {
            Objects.requireNonNull(detail, "detail");
        }

        public static Status up() {
            return UP;
        }

        /**
         * @param reason what is wrong, shown to whoever reads the readiness endpoint: name the dependency, never a
         *     secret (no passwords, no URIs with credentials)
         */
        public static Status down(String reason) {
            return new Status(false, reason);
        }
    }

    /** A check that is always up, e.g. for in-memory infrastructure that is reachable as long as the process runs. */
    static HealthCheck alwaysUp(String name) {
        Objects.requireNonNull(name, "name");
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status check() {
                return Status.up();
            }
        };
    }
}
