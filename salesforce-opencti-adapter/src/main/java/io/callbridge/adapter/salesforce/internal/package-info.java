/**
 * The Salesforce call flow: one {@link io.callbridge.adapter.salesforce.internal.SalesforceCrmBridge} per deployment,
 * one agent bridge per agent that turns Open CTI events into core commands and core events into Open CTI calls.
 * Not an API: types are public only where the Guice module must reach them.
 */
@NullMarked
package io.callbridge.adapter.salesforce.internal;

import org.jspecify.annotations.NullMarked;
