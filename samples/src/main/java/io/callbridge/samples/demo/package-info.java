/** The runnable demo: every module wired with Guice, the simulated phone system and the CRM host simulators. */
@NullMarked
package io.callbridge.samples.demo;

import org.jspecify.annotations.NullMarked;
