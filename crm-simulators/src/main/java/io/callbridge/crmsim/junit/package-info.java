/**
 * A JUnit 5 extension that runs the CRM host simulators around a vendor's own callbridge server in headless Chromium,
 * with a small fluent API: {@code crm.hubspot("alice").dialContact(101).awaitAnswered().hangUp().wrapUp("connected",
 * "notes").expectEngagementUpdate().hasStatus("COMPLETED")}, and the same for a Salesforce click-to-dial and its Task.
 * Every expectation reads what the simulated CRM received (its message log and state), polls until it holds or a
 * timeout passes, and fails with the host's log.
 */
@NullMarked
package io.callbridge.crmsim.junit;

import org.jspecify.annotations.NullMarked;
