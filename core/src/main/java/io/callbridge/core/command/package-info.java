@NullMarked
package io.callbridge.core.command;

import org.jspecify.annotations.NullMarked;
