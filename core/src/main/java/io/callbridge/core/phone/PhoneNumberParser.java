package io.callbridge.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.callbridge.core.model.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns phone numbers as CRMs and phone systems write them ("(415) 555-1212", "+44 20 7946 0958",
 * "tel:+1-415-555-1212;ext=12") into {@link PhoneNumber}s in E.164.
 *
 * <p>Numbers without a country code are read in the default region (configured per deployment, since a CRM
 * often stores national numbers). A number is accepted when its length is possible for its country: CRMs hold test
 * and fictional numbers (555 01xx) that strict validation would refuse, and the phone system is the judge of
 * whether a number can really be called.
 *
 * <p>Thread-safe; its only state is a cache of display formats.
 */
public final class PhoneNumberParser {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 64;

    private static final int MAX_CACHED_FORMATS = 10_000;

    private final String defaultRegion;
    /**
     * National formats already computed: formatting re-parses the number, and softphone snapshots show the same few
     * numbers over and over. Cleared when it grows past its cap (a working set is far smaller).
     */
    private final ConcurrentHashMap<String, String> nationalFormats = new ConcurrentHashMap<>();

    /**
     * @param defaultRegion ISO 3166 alpha-2 code used for numbers written without a country code, e.g. "US"
     * @throws IllegalArgumentException if the region is not one libphonenumber knows
     */
    public PhoneNumberParser(String defaultRegion) {
        this.defaultRegion = checkRegion(defaultRegion);
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Parses {@code text} in the default region. */
    public PhoneNumber parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses {@code text}; a national number is read in {@code region} (e.g. HubSpot's {@code countryCode}), or in
     * the default region when that is null or blank.
     *
     * @throws InvalidPhoneNumberException naming the input when it is not a possible phone number
     */
    public PhoneNumber parse(String text, @Nullable String region) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidPhoneNumberException(text, InvalidPhoneNumberException.Reason.EMPTY, "it is empty");
        }
        if (trimmed.length() > MAX_INPUT) {
            throw new InvalidPhoneNumberException(abbreviate(text), InvalidPhoneNumberException.Reason.TOO_LONG,
                    "longer than " + MAX_INPUT + " characters");
        }
        String readIn = region == null || region.isBlank() ? defaultRegion : region.strip().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(readIn)) {
            throw new InvalidPhoneNumberException(text, InvalidPhoneNumberException.Reason.UNKNOWN_REGION,
                    "unknown region '" + readIn + "'");
        }
        if (trimmed.chars().noneMatch(Character::isDigit)) {
            throw new InvalidPhoneNumberException(text, InvalidPhoneNumberException.Reason.NOT_A_NUMBER,
                    "it contains no digits");
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(stripTelScheme(trimmed), readIn);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(text, reasonOf(e.getErrorType()), e.getMessage());
        }
        PhoneNumberUtil.ValidationResult possible = UTIL.isPossibleNumberWithReason(parsed);
        switch (possible) {
            case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> { }
            case TOO_SHORT, INVALID_LENGTH -> throw new InvalidPhoneNumberException(text,
                    InvalidPhoneNumberException.Reason.TOO_SHORT, "too few digits for region "
                            + UTIL.getRegionCodeForNumber(parsed));
            case TOO_LONG -> throw new InvalidPhoneNumberException(text,
                    InvalidPhoneNumberException.Reason.TOO_LONG, "too many digits");
            case INVALID_COUNTRY_CODE -> throw new InvalidPhoneNumberException(text,
                    InvalidPhoneNumberException.Reason.INVALID_COUNTRY_CODE, "unknown country code "
                            + parsed.getCountryCode());
        }
        String e164 = UTIL.format(parsed, PhoneNumberFormat.E164);
        String extension = parsed.hasExtension() && !parsed.getExtension().isEmpty() ? parsed.getExtension() : null;
        if (extension != null && extension.length() > 10) {
            throw new InvalidPhoneNumberException(text, InvalidPhoneNumberException.Reason.TOO_LONG,
                    "extension longer than 10 digits");
        }
        return new PhoneNumber(e164, extension, text);
    }

    /**
     * Whether two texts denote the same number, e.g. "(415) 555-1212" and "+14155551212" in region US. Text that is
     * not a phone number matches nothing.
     */
    public boolean isSameNumber(String a, String b) {
        try {
            return parse(a).sameNumberAs(parse(b));
        } catch (InvalidPhoneNumberException e) {
            return false;
        }
    }

    /** The number as people in its country write it, for display. */
    public String formatNational(PhoneNumber number) {
        String cached = nationalFormats.get(number.e164());
        if (cached != null) {
            return cached;
        }
        String formatted;
        try {
            formatted = UTIL.format(UTIL.parse(number.e164(), null), PhoneNumberFormat.NATIONAL);
        } catch (NumberParseException e) {
            formatted = number.e164();
        }
        if (nationalFormats.size() >= MAX_CACHED_FORMATS) {
            nationalFormats.clear();
        }
        nationalFormats.put(number.e164(), formatted);
        return formatted;
    }

    private static String checkRegion(String region) {
        Objects.requireNonNull(region, "defaultRegion");
        String upper = region.strip().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(upper)) {
            throw new IllegalArgumentException("defaultRegion must be an ISO 3166 alpha-2 region libphonenumber"
                    + " knows, e.g. US or GB, but was '" + region + "'");
        }
        return upper;
    }

    private static String stripTelScheme(String text) {
        return text.regionMatches(true, 0, "tel:", 0, 4) ? text.substring(4) : text;
    }

    private static InvalidPhoneNumberException.Reason reasonOf(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> InvalidPhoneNumberException.Reason.INVALID_COUNTRY_CODE;
            case NOT_A_NUMBER -> InvalidPhoneNumberException.Reason.NOT_A_NUMBER;
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> InvalidPhoneNumberException.Reason.TOO_SHORT;
            case TOO_LONG -> InvalidPhoneNumberException.Reason.TOO_LONG;
        };
    }

    private static String abbreviate(String text) {
        return text.substring(0, Math.min(text.length(), MAX_INPUT)) + "…";
    }
}
