package io.callbridge.crmsim.junit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Walking the maps and lists the browser hands back. */
final class Json {
    private Json() {
    }

    /** The value at {@code path} (keys of nested maps), or null. */
    static @Nullable Object at(@Nullable Object node, String... path) {
        Object n = node;
        for (String key : path) {
            if (!(n instanceof Map<?, ?> map)) {
                return null;
            }
            n = map.get(key);
        }
        return n;
    }

    static @Nullable String string(@Nullable Object node, String... path) {
        Object v = at(node, path);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(@Nullable Object node, String... path) {
        Object v = at(node, path);
        return v instanceof Map ? Collections.unmodifiableMap((Map<String, Object>) v) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(@Nullable Object node, String... path) {
        Object v = at(node, path);
        return v instanceof List ? Collections.unmodifiableList((List<Object>) v) : List.of();
    }

    /** The last ten digits (national number of a NANP number), as the simulators compare numbers. */
    static String digits(@Nullable String number) {
        String d = number == null ? "" : number.replaceAll("\\D", "");
        return d.length() > 10 ? d.substring(d.length() - 10) : d;
    }

    /** Whether a value from the browser equals {@code expected} (numbers compared by value, others by string). */
    static boolean same(@Nullable Object actual, @Nullable Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        return String.valueOf(actual).equals(String.valueOf(expected));
    }
}
