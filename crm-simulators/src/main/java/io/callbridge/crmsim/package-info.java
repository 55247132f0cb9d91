/**
 * The CRM host simulators: a fake HubSpot (HubSpot's own Calling Extensions SDK on the host side) and a fake Salesforce
 * Lightning page (the project's own Open CTI client library, as strict as Salesforce's), served from an origin other
 * than the softphone's, around any callbridge server's softphone pages. Start one with
 * {@link io.callbridge.crmsim.HostSimulatorServer#builder()}; {@code io.callbridge.crmsim.junit} drives them from JUnit 5
 * tests in headless Chromium. The pages live under {@code src/main/resources/io/callbridge/crmsim/web}.
 */
@NullMarked
package io.callbridge.crmsim;

import org.jspecify.annotations.NullMarked;
