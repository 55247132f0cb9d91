/** Implementation of the kit's JUnit extension (the browser it drives); not API. */
@NullMarked
package io.callbridge.crmsim.internal;

import org.jspecify.annotations.NullMarked;
