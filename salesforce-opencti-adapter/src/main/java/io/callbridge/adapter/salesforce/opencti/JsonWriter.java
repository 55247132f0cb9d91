package io.callbridge.adapter.salesforce.opencti;

import java.math.BigDecimal;

/**
 * Compact JSON text written straight into a {@link StringBuilder}, byte for byte as the package's Jackson mapper
 * writes it (same escapes: {@code \"}, {@code \\}, {@code \b \t \n \f \r}, other control characters as
 * {@code \}{@code u00XX} in upper-case hex, everything else as it is). Outgoing messages are small and written once
 * per call event, where creating, pooling and flushing a generator cost more than the writing itself; the tests hold
 * this writer to Jackson's output for every character. Reading stays with Jackson. Not thread-safe; one per message.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;
    /** Whether a value or member was written in the current container, so the next one needs a comma first. */
    private boolean needsComma;

    JsonWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    JsonWriter writeStartObject() {
        beforeValue();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonWriter writeEndObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonWriter writeStartArray() {
        beforeValue();
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonWriter writeEndArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    JsonWriter writeName(String name) {
        beforeValue();
        quoted(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    JsonWriter writeString(String value) {
        beforeValue();
        quoted(value);
        needsComma = true;
        return this;
    }

    JsonWriter writeNumber(long value) {
        beforeValue();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** As Jackson writes it by default: {@link BigDecimal#toString()}, exponent and all. */
    JsonWriter writeNumber(BigDecimal value) {
        beforeValue();
        out.append(value.toString());
        needsComma = true;
        return this;
    }

    JsonWriter writeBoolean(boolean value) {
        beforeValue();
        out.append(value);
        needsComma = true;
        return this;
    }

    JsonWriter writeNull() {
        beforeValue();
        out.append("null");
        needsComma = true;
        return this;
    }

    /** JSON text that is already valid and compact, written as it is. */
    JsonWriter writeRawValue(String json) {
        beforeValue();
        out.append(json);
        needsComma = true;
        return this;
    }

    JsonWriter writeStringProperty(String name, String value) {
        return writeName(name).writeString(value);
    }

    JsonWriter writeNumberProperty(String name, long value) {
        return writeName(name).writeNumber(value);
    }

    JsonWriter writeBooleanProperty(String name, boolean value) {
        return writeName(name).writeBoolean(value);
    }

    /** Everything written so far; empty when nothing was. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void quoted(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && !needsEscape(text.charAt(i))) {
            i++;
        }
        out.append('"');
        if (i == length) {
            // The usual case: nothing to escape, so the text goes in whole (one array copy).
            out.append(text).append('"');
            return;
        }
        int from = 0;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                continue;
            }
            out.append(text, from, i);
            from = i + 1;
            out.append('\\');
            switch (c) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, from, length).append('"');
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }
}
