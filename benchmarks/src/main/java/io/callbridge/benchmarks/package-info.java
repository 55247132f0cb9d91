/**
 * Performance measurement of callbridge: JMH benchmarks ({@code jmh}), a WebSocket load generator with a raw-Jetty
 * echo baseline ({@code load}), the Guice wiring of the load server ({@code inject}) and the command-line programs
 * ({@code cli}). Nothing here runs during {@code mvn verify} except the unit tests of the generator's own logic.
 */
@NullMarked
package io.callbridge.benchmarks;

import org.jspecify.annotations.NullMarked;
