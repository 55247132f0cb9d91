/** Salesforce's REST API as a second executor of owed call logs, for when no Salesforce frame is open. */
@NullMarked
package io.callbridge.rest.salesforce;

import org.jspecify.annotations.NullMarked;
