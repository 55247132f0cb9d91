package io.callbridge.core.spi;

import io.callbridge.core.CommandResult;

/**
 * Where the vendor's phone system reports call progress. Bound by core; the vendor injects it. Safe to call from
 * any thread, including from inside a {@link TelephonyProvider} method.
 */
public interface TelephonyEvents {
    /**
     * Applies the report. Duplicates and late reports are {@link CommandResult.Ignored}; a report that contradicts what
     * core knows (e.g. HELD before the call connected) is {@link CommandResult.Rejected} and changes nothing. A report
     * that finds the state store unreachable is rejected with {@code STORE_UNAVAILABLE}: the phone system should send
     * it again later, as it would after a network error.
     */
    CommandResult report(ProviderEvent event);
}
