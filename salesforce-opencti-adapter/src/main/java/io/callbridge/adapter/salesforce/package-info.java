/**
 * The Salesforce Open CTI adapter's public configuration, {@link io.callbridge.adapter.salesforce.SalesforceSettings}.
 * The flow itself lives in {@code internal}; vendors wire it with {@code inject.SalesforceAdapterModule}.
 */
@NullMarked
package io.callbridge.adapter.salesforce;

import org.jspecify.annotations.NullMarked;
