/**
 * Test doubles for code built on callbridge: a scriptable phone system, a settable clock and predictable ids. Vendors
 * can use them for contract tests of their own wiring.
 */
@NullMarked
package io.callbridge.testkit;

import org.jspecify.annotations.NullMarked;
