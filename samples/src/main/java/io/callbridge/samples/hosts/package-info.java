/**
 * The CRM host simulators: a fake HubSpot and a fake Salesforce Lightning page, served from an origin other than the
 * softphone's, plus the project's own Open CTI client library. The pages live under
 * {@code src/main/resources/io/callbridge/samples/hosts/web}.
 */
@NullMarked
package io.callbridge.samples.hosts;

import org.jspecify.annotations.NullMarked;
