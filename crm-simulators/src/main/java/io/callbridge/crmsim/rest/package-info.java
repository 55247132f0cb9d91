/** Simulated CRM REST APIs, and {@link io.callbridge.crmsim.rest.RestSimulatorRecords}, which puts them behind the host pages. */
@NullMarked
package io.callbridge.crmsim.rest;

import org.jspecify.annotations.NullMarked;
