/** Guice wiring of the Salesforce adapter; the only package of the adapter that knows Guice. */
@NullMarked
package io.callbridge.adapter.salesforce.inject;

import org.jspecify.annotations.NullMarked;
