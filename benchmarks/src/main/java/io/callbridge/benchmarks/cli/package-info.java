/** Command-line programs: the only classes of the project allowed to print to standard output. */
@NullMarked
package io.callbridge.benchmarks.cli;

import org.jspecify.annotations.NullMarked;
