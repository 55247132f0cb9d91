/**
 * The call log (a Salesforce {@code Task}) written with Open CTI's {@code saveLog}: typed values in, the
 * field map Salesforce accepts out, with over-long text cut to each field's limit instead of being rejected.
 */
@NullMarked
package io.callbridge.adapter.salesforce.tasklog;

import org.jspecify.annotations.NullMarked;
