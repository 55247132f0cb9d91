/** The operations module's implementations: not API. */
@NullMarked
package io.callbridge.operations.internal;

import org.jspecify.annotations.NullMarked;
