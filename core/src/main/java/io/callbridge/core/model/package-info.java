@NullMarked
package io.callbridge.core.model;

import org.jspecify.annotations.NullMarked;
