/** The Guice wiring of the Salesforce REST fallback: {@link io.callbridge.rest.salesforce.inject.SalesforceRestModule}. */
@NullMarked
package io.callbridge.rest.salesforce.inject;

import org.jspecify.annotations.NullMarked;
