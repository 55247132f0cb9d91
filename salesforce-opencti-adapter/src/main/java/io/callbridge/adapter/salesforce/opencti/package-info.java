/**
 * Typed model of the Lightning Open CTI API as the server asks a browser bridge to use it: the invocations
 * ({@link io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation}), their outcomes
 * ({@link io.callbridge.adapter.salesforce.opencti.InvocationOutcome}), the listener events
 * ({@link io.callbridge.adapter.salesforce.opencti.OpenCtiEvent}) and the JSON codec
 * ({@link io.callbridge.adapter.salesforce.opencti.OpenCtiCodec}) for the bridge protocol.
 *
 * <p>Arguments are checked when a value is built, so an invalid invocation never reaches a bridge, where the
 * Open CTI library would throw synchronously and the callback would never fire.
 */
@NullMarked
package io.callbridge.adapter.salesforce.opencti;

import org.jspecify.annotations.NullMarked;
