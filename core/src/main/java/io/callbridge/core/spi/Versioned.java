package io.callbridge.core.spi;

import java.util.Objects;

/** A stored value with the version a compare-and-set must name to replace it. Versions start at 1. */
public record Versioned<V>(V value, long version) {
    public Versioned {
        Objects.requireNonNull(value, "value");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }
}
