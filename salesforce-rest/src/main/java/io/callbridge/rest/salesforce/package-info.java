/**
 * Salesforce's REST API as a second executor of owed call logs, for when no Salesforce frame is open: install
 * {@link io.callbridge.rest.salesforce.inject.SalesforceRestModule} with
 * {@link io.callbridge.rest.salesforce.SalesforceRestSettings}.
 * The {@code internal} package is not API. See {@code docs/salesforce-rest.md}.
 */
@NullMarked
package io.callbridge.rest.salesforce;

import org.jspecify.annotations.NullMarked;
