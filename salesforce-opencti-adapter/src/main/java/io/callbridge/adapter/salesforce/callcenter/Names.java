package io.callbridge.adapter.salesforce.callcenter;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Salesforce's rules for section and item names, and for text that goes into the XML. */
final class Names {

    /** Alphanumeric, at most 40 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{1,40}");
    /** Attribute names of the format itself, which Salesforce does not accept as item or section names. */
    private static final Set<String> RESERVED = Set.of("label", "sortorder", "internalnamelabel", "displaynamelabel");

    private Names() {
    }

    static String check(@Nullable String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidCallCenterDefinitionException(String.valueOf(name),
                    what + " names must be 1 to 40 letters or digits");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        // "req" names belong to Salesforce's required sections and items.
        if (lower.startsWith("req") || RESERVED.contains(lower)) {
            throw new InvalidCallCenterDefinitionException(name, "is reserved by Salesforce");
        }
        return name;
    }

    /** Text must be representable in XML 1.0; line breaks have no place in a one-line setting either. */
    static String text(@Nullable String text, String field) {
        if (text == null) {
            throw new InvalidCallCenterDefinitionException(field, "is required");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF'
                    || (Character.isSurrogate(c) && !isPairedSurrogate(text, i))) {
                throw new InvalidCallCenterDefinitionException(field, "contains a control or invalid character");
            }
        }
        return text;
    }

    private static boolean isPairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
