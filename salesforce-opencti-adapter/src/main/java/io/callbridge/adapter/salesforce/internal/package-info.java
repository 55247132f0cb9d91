/**
 * The Salesforce call flow: one {@link io.callbridge.adapter.salesforce.internal.SalesforceCrmBridge} per deployment,
 * one agent bridge per agent that turns Open CTI events into core commands and core events into Open CTI calls.
 *
 * <p>Not an API: nothing in this package is part of the adapter's supported surface, and any of it may change or go
 * without notice. Types are public only where the Guice module must reach them; use
 * {@code io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule} and {@code SalesforceSettings} instead.
 */
@NullMarked
package io.callbridge.adapter.salesforce.internal;

import org.jspecify.annotations.NullMarked;
