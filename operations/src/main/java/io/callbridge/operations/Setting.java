package io.callbridge.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One key of the configuration and how its text changes the settings record {@code S} it belongs to. The record's
 * own constructor checks the value; whatever it or the parse refuses comes back as an {@link IllegalArgumentException},
 * which the loader reports with the key and the value.
 */
record Setting<S>(CallbridgeConfiguration.Key key, Applier<S> applier) {

    /** Turns the settings so far and one key's text into the new settings; throws what it cannot use. */
    @FunctionalInterface
    public interface Applier<S> {
        S apply(@Nullable S current, String text);
    }

    static <S> Setting<S> of(String name, String type, String defaultValue, String description,
            Applier<S> applier) {
        return new Setting<>(new CallbridgeConfiguration.Key(name, type, defaultValue, description, false), applier);
    }

    static <S> Setting<S> secret(String name, String type, String defaultValue, String description,
            Applier<S> applier) {
        return new Setting<>(new CallbridgeConfiguration.Key(name, type, defaultValue, description, true), applier);
    }

    // ------------------------------------------------------------------------------------------- parsing

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    /** A whole number. */
    public static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    /** {@code true} or {@code false}, nothing else. */
    public static boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, or ISO-8601 such as {@code PT30S}. */
    public static Duration duration(String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 2m, 1h, 1d or PT30S");
        }
    }

    /** A constant of {@code type}, by its name in any case. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw new IllegalArgumentException("must be one of " + names);
        }
    }

    /** Comma-separated values, trimmed, without empty ones; an empty text is the empty list. */
    public static List<String> list(String text) {
        List<String> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String v = part.trim();
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return values;
    }

    /** Comma-separated constants of {@code type}. */
    public static <E extends Enum<E>> Set<E> enumSet(Class<E> type, String text) {
        Set<E> values = new LinkedHashSet<>();
        for (String v : list(text)) {
            values.add(enumValue(type, v));
        }
        return values;
    }

    /** Text that is not blank. */
    public static String text(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return text.trim();
    }

    /** {@code ID:SECRET}, the secret in base64 (standard or URL alphabet). */
    public static String[] idAndSecret(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be ID:SECRET with the secret in base64");
        }
        return new String[] {text.substring(0, colon).trim(), text.substring(colon + 1).trim()};
    }

    /** The bytes of a base64 secret. */
    public static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e2) {
                throw new IllegalArgumentException("the secret must be base64");
            }
        }
    }

    /** Refuses a key that needs an earlier one. */
    public static <S> S require(@Nullable S current, String what) {
        if (current == null) {
            throw new IllegalArgumentException("needs " + what + " to be set too");
        }
        return current;
    }
}
