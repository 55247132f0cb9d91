package io.callbridge.core.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.InvalidPhoneNumberException.Reason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PhoneNumberParserTest {
    private final PhoneNumberParser us = new PhoneNumberParser("US");

    @ParameterizedTest(name = "[{index}] ''{0}'' in {1} → {2} ext {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            (415) 555-1212          | US | +14155551212   | -
            415.555.1212            | US | +14155551212   | -
            1-415-555-1212          | US | +14155551212   | -
            +1 415 555 1212         | US | +14155551212   | -
            tel:+1-415-555-1212     | US | +14155551212   | -
            TEL:+1-415-555-1212     | GB | +14155551212   | -
            (415) 555-1212 x123     | US | +14155551212   | 123
            +1 415 555 1212 ext. 45 | US | +14155551212   | 45
            tel:+1-415-555-1212;ext=12 | US | +14155551212 | 12
            020 7946 0958           | GB | +442079460958  | -
            +44 20 7946 0958        | US | +442079460958  | -
            0044 20 7946 0958       | DE | +442079460958  | -
            07700 900123            | GB | +447700900123  | -
            030 901820              | DE | +4930901820    | -
            +49 30 901820           | US | +4930901820    | -
            0151 23456789           | DE | +4915123456789 | -
            01 23 45 67 89          | FR | +33123456789   | -
            +33 6 12 34 56 78       | US | +33612345678   | -
            098765 43210            | IN | +919876543210  | -
            +91 98765 43210         | US | +919876543210  | -
            (11) 91234-5678         | BR | +5511912345678 | -
            +55 11 91234-5678       | US | +5511912345678 | -
            03-1234-5678            | JP | +81312345678   | -
            090-1234-5678           | JP | +819012345678  | -
            +81 3-1234-5678         | US | +81312345678   | -
            (02) 9876 5432          | AU | +61298765432   | -
            0412 345 678            | AU | +61412345678   | -
            +61 412 345 678         | US | +61412345678   | -
            """)
    void parsesNationalAndInternationalFormats(String text, String region, String e164, @Nullable String ext) {
        PhoneNumber n = us.parse(text, region);
        assertThat(n.e164()).isEqualTo(e164);
        assertThat(n.extension()).isEqualTo(ext);
        assertThat(n.raw()).isEqualTo(text);
    }

    @Test
    void theDefaultRegionReadsNationalNumbersAndAHintOverridesIt() {
        PhoneNumberParser gb = new PhoneNumberParser("gb");
        assertThat(gb.defaultRegion()).isEqualTo("GB");
        assertThat(gb.parse("020 7946 0958").e164()).isEqualTo("+442079460958");
        assertThat(gb.parse("020 7946 0958", null).e164()).isEqualTo("+442079460958");
        assertThat(gb.parse("020 7946 0958", "  ").e164()).isEqualTo("+442079460958");
        assertThat(gb.parse("(415) 555-1212", "us").e164()).isEqualTo("+14155551212");
        assertThat(gb.parse(" (415) 555-1212 ", " US ").e164()).isEqualTo("+14155551212");
        // A number with its country code ignores the hint.
        assertThat(gb.parse("+49 30 901820", "JP").e164()).isEqualTo("+4930901820");
        // The same digits mean different numbers in different regions.
        assertThat(us.parse("030 901820", "DE")).isNotEqualTo(us.parse("030 901820", "GB"));
    }

    @Test
    void isSameNumberAcrossFormats() {
        assertThat(us.isSameNumber("(415) 555-1212", "+14155551212")).isTrue();
        assertThat(us.isSameNumber("tel:+1-415-555-1212", "1 415 555 1212")).isTrue();
        assertThat(us.isSameNumber("415-555-1212 x12", "+14155551212")).as("one side without extension").isTrue();
        assertThat(us.isSameNumber("415-555-1212 x12", "415-555-1212 x13")).isFalse();
        assertThat(us.isSameNumber("415-555-1212 x12", "+1 415 555 1212 ext. 12")).isTrue();
        assertThat(us.isSameNumber("(415) 555-1212", "(415) 555-1213")).isFalse();
        assertThat(us.isSameNumber("+44 20 7946 0958", "011 44 20 7946 0958")).as("US international prefix").isTrue();
        assertThat(us.isSameNumber("abc", "abc")).as("text that is not a number matches nothing").isFalse();
        assertThat(us.isSameNumber("", "+14155551212")).isFalse();
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' in {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            ''|US|EMPTY
            '   '|US|EMPTY
            '\t\n'|US|EMPTY
            abc|US|NOT_A_NUMBER
            ---|US|NOT_A_NUMBER
            123|US|TOO_SHORT
            1234567890123456789012345678901234567890|US|TOO_LONG
            +999 123|US|INVALID_COUNTRY_CODE
            +999 1234 5678|US|INVALID_COUNTRY_CODE
            020 7946 0958|XX|UNKNOWN_REGION
            020 7946 0958|ZZ|UNKNOWN_REGION
            +1 415 555 1212 5555 5555|US|TOO_LONG
            (415) 555-1212 x12345678901|US|TOO_LONG
            """)
    void badInputsAreTypedErrorsNamingTheInput(String text, String region, Reason reason) {
        InvalidPhoneNumberException e = catchThrowableOfType(InvalidPhoneNumberException.class,
                () -> us.parse(text, region));
        assertThat(e).as("'%s' in %s", text, region).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.input()).isEqualTo(text);
        assertThat(e.getMessage()).contains("'" + text + "'");
    }

    @Test
    void absurdlyLongInputIsRefusedAndNamedShortened() {
        String text = "1".repeat(500);
        InvalidPhoneNumberException e = catchThrowableOfType(InvalidPhoneNumberException.class, () -> us.parse(text));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(e.getMessage()).contains("'" + "1".repeat(64)).hasSizeLessThan(200);
    }

    @Test
    void anUnknownDefaultRegionIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new PhoneNumberParser("XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'XX'");
        assertThatThrownBy(() -> new PhoneNumberParser("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatNationalShowsTheNumberAsItsCountryWritesIt() {
        assertThat(us.formatNational(us.parse("+14155551212"))).isEqualTo("(415) 555-1212");
        // Formats are cached per number: asking again gives the same answer.
        assertThat(us.formatNational(us.parse("(415) 555-1212"))).isEqualTo("(415) 555-1212");
        assertThat(us.formatNational(us.parse("+44 20 7946 0958"))).isEqualTo("020 7946 0958");
    }

    @Test
    void fictionalButPossibleNumbersAreAccepted() {
        // 555-01xx numbers are reserved for fiction; CRMs hold them, and only the phone system judges reachability.
        assertThat(us.parse("(212) 555-0123").e164()).isEqualTo("+12125550123");
    }
}
