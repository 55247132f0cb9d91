/**
 * A simulated phone system for the demo and the browser tests: its calls in memory, or in Redis when the demo runs on
 * Redis so that they outlive a restart and are shared by several demo nodes.
 */
@NullMarked
package io.callbridge.samples.phone;

import org.jspecify.annotations.NullMarked;
