package io.callbridge.core.model;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A phone number normalised to E.164, with the text it was parsed from kept for display and for echoing
 * back to a CRM in the form the CRM sent it. Create one with {@link io.callbridge.core.phone.PhoneNumberParser};
 * the constructor only checks that {@code e164} has E.164 syntax.
 *
 * @param e164 the number as {@code +<country code><national number>}, at most 15 digits
 * @param extension digits dialled after connecting, or null
 * @param raw the text as received
 */
public record PhoneNumber(String e164, @Nullable String extension, String raw) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{1,10}");

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(raw, "raw");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("e164 must look like +14155551212 but was '" + e164 + "'");
        }
        if (extension != null && !EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("extension must be 1-10 digits but was '" + extension + "'");
        }
    }

    /**
     * Whether both denote the same line. Extensions only distinguish numbers when both sides have one:
     * a CRM record usually stores the main number while the dialler appends the extension.
     */
    public boolean sameNumberAs(PhoneNumber other) {
        return e164.equals(other.e164)
                && (extension == null || other.extension == null || extension.equals(other.extension));
    }

    @Override
    public String toString() {
        return extension == null ? e164 : e164 + ";ext=" + extension;
    }
}
