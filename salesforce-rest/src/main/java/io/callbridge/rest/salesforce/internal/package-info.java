/** The REST fallback's implementation: not API, may change in any release. */
@NullMarked
package io.callbridge.rest.salesforce.internal;

import org.jspecify.annotations.NullMarked;
