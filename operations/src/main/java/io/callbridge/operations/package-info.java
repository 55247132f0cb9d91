/**
 * Running callbridge in production: {@link io.callbridge.operations.CallbridgeConfiguration} reads the launcher's
 * settings from {@code CALLBRIDGE_} environment variables and a properties file; the Guice module in
 * {@code inject} adds Micrometer metrics and their Prometheus endpoint.
 */
@NullMarked
package io.callbridge.operations;

import org.jspecify.annotations.NullMarked;
