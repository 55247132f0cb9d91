package io.callbridge.rest.salesforce.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the org's daily API usage from each response's {@code Sforce-Limit-Info: api-usage=N/M} (the requests of the
 * last 24 hours and the allocation): at DEBUG always, a WARN once when the usage passes 90 % (again after it fell
 * below), and, when a reserve is set, each reading that leaves fewer requests than the reserve goes to the
 * {@link Reserve} (the executor pauses the org). Thread-safe.
 */
public final class LimitMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LimitMonitor.class);
    private static final Pattern USAGE = Pattern.compile("(?:^|[;,]\\s*)api-usage=(\\d+)/(\\d+)");

    /** Told of each reading that leaves fewer requests than the reserve. */
    @FunctionalInterface
    public interface Reserve {
        void reached(long used, long limit);
    }

    private final int reservePercent;
    private final Reserve reserve;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile long used = -1;
    private volatile long limit = -1;

    /** A monitor that only logs. */
    public LimitMonitor() {
        this(0, (used, limit) -> { });
    }

    /**
     * @param reservePercent the share of the limit, 0-100, below which the requests left call {@code reserve}; 0
     *     never does
     */
    public LimitMonitor(int reservePercent, Reserve reserve) {
        if (reservePercent < 0 || reservePercent > 100) {
            throw new IllegalArgumentException("reservePercent must be 0-100, was " + reservePercent);
        }
        this.reservePercent = reservePercent;
        this.reserve = Objects.requireNonNull(reserve, "reserve");
    }

    /**
     * @param header the header's value, or null when the response had none
     * @return whether this usage gave the WARN (the first above 90 % since the usage was last below it)
     */
    public boolean seen(@Nullable String header) {
        if (header == null) {
            return false;
        }
        Matcher m = USAGE.matcher(header);
        if (!m.find()) {
            return false;
        }
        long n = Long.parseLong(m.group(1));
        long max = Long.parseLong(m.group(2));
        used = n;
        limit = max;
        LOG.debug("Salesforce API usage {}/{}", n, max);
        if (max > 0 && (max - n) * 100 < max * reservePercent) {
            reserve.reached(n, max);
        }
        boolean high = max > 0 && n * 10 > max * 9;
        if (high && warned.compareAndSet(false, true)) {
            LOG.warn("Salesforce API usage is above 90 % of the org's daily limit: {}/{}", n, max);
            return true;
        }
        if (!high) {
            warned.set(false);
        }
        return false;
    }

    public long used() {
        return used;
    }

    public long limit() {
        return limit;
    }
}
