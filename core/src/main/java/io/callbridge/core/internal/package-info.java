/**
 * Not API: core's implementations: the engine, the in-memory defaults of the ports, the housekeeper and the scheduler. Bind
 * them through {@code CoreModule} and use them through core's public interfaces.
 *
 * <p>Everything here may change in any release without notice; only this module's own code may use it (an
 * architecture rule checks that).
 */
@NullMarked
package io.callbridge.core.internal;

import org.jspecify.annotations.NullMarked;
