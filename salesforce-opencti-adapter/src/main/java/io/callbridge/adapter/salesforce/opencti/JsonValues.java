package io.callbridge.adapter.salesforce.opencti;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Free-form JSON values inside the model (field values, flow arguments, message payloads) as plain Java:
 * {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link BigDecimal}, unmodifiable {@link List}
 * and {@link Map}. Numbers are normalised so that equal JSON gives equal records.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Whether {@code value} is already in model form as it is: null, String, Boolean or Long. */
    static boolean isPlain(@Nullable Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Long;
    }

    /** A field value: anything JSON except arrays and objects. */
    static @Nullable Object scalar(@Nullable Object value, String argument) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new InvalidInvocationException(argument, "must be a string, number, boolean or null");
        }
        return any(value, argument);
    }

    static @Nullable Object any(@Nullable Object value, String argument) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            return number(n, argument);
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                copy.add(isPlain(element) ? element : any(element, argument + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new InvalidInvocationException(argument, "object keys must be strings");
                }
                Object v = e.getValue();
                copy.put(key, isPlain(v) ? v : any(v, argument + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new InvalidInvocationException(argument,
                "must be a JSON value (string, number, boolean, null, list or map), was " + value.getClass().getName());
    }

    /** A JSON object value. */
    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> object(@Nullable Map<String, ? extends @Nullable Object> value,
            String argument) {
        return (Map<String, @Nullable Object>) any(Args.present(value, argument), argument);
    }

    private static Number number(Number n, String argument) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        BigDecimal decimal;
        if (n instanceof BigDecimal bd) {
            decimal = bd;
        } else if (n instanceof BigInteger bi) {
            decimal = new BigDecimal(bi);
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidInvocationException(argument, "must be a finite number");
            }
            decimal = new BigDecimal(n.toString());
        } else {
            throw new InvalidInvocationException(argument, "unsupported number type " + n.getClass().getName());
        }
        // Integral values become Long so that 5, 5L and 5.0 from different sources compare equal.
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException notIntegralOrTooLarge) {
            return decimal.stripTrailingZeros();
        }
    }
}
