/** JMH benchmarks of the hot paths: core commands, adapter translation, codec decoding. */
@NullMarked
package io.callbridge.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
