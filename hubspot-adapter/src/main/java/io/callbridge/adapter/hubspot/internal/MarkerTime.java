package io.callbridge.adapter.hubspot.internal;

import java.time.Instant;

/**
 * The text of a delivery marker's time: exactly {@link Instant#toString()} ({@code 2026-01-01T00:05:00Z},
 * {@code 2026-01-01T00:05:00.250Z}, …), which {@link CallScript} reads back with {@link Instant#parse}, but written
 * by hand for years 0000–9999 because every delivered message writes one and the JDK's formatter is its costliest
 * part. Other years take the JDK's way.
 */
final class MarkerTime {
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in epoch seconds: the years written as four plain digits. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;

    private MarkerTime() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        int fraction;
        int fractionDigits;
        if (nanos == 0) {
            fraction = 0;
            fractionDigits = 0;
        } else if (nanos % 1_000_000 == 0) {
            fraction = nanos / 1_000_000;
            fractionDigits = 3;
        } else if (nanos % 1_000 == 0) {
            fraction = nanos / 1_000;
            fractionDigits = 6;
        } else {
            fraction = nanos;
            fractionDigits = 9;
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);

        // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date
        // Algorithms", civil_from_days), on eras of 400 years starting 0000-03-01.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        char[] out = new char[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int at = 19;
        if (fractionDigits > 0) {
            out[at++] = '.';
            digits(out, at, fraction, fractionDigits);
            at += fractionDigits;
        }
        out[at] = 'Z';
        return new String(out);
    }

    /** {@code value} as exactly {@code count} decimal digits, zero-padded, at {@code from}. */
    private static void digits(char[] out, int from, int value, int count) {
        int v = value;
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
