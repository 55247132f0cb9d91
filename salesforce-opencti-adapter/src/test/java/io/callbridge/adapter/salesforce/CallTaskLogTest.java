package io.callbridge.adapter.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Task subject: the template cut once must read exactly as matching the template for every call did. */
class CallTaskLogTest {
    private static final AgentId AGENT = AgentId.of("t", "a");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PhoneNumber NUMBER = new PhoneNumber("+14155550100", null, "(415) 555-0100");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {direction} call {number}                  | Ada Lovelace | Outbound call (415) 555-0100
            {disposition}: {record} {number}           | Ada          | Meaningful Connect: Ada (415) 555-0100
            "  {record}  "                             | ""           | Call
            Call with {record}, {record}!              | $1 \\ {number} | Call with $1 \\ {number}, $1 \\ {number}!
            "{direction}\t\t{record} {unclosed"        | "  x  "      | Outbound x {unclosed
            """)
    void fillsTheTemplate(String template, String recordName, String expected) {
        Call call = call(recordName.isEmpty() ? null : recordName);
        CallTaskLog log = new CallTaskLog(SalesforceSettings.DEFAULTS.withSubjectTemplate(template));

        assertThat(log.subject(call, "Meaningful Connect")).isEqualTo(expected)
                .isEqualTo(matchedEveryTime(call, template, "Meaningful Connect"));
    }

    /** White space of every kind, single and in runs, anywhere: the result is what the two regexes gave. */
    @Test
    void tidiesWhiteSpaceExactlyAsTheRegexDid() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u001C', '\u0085', 'a', 'b',
            '{', '}', '$', '\\'};
        Pattern runs = Pattern.compile("\\s{2,}");
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String stripped = text.toString().strip();
            assertThat(CallTaskLog.collapseRunsOfSpace(stripped)).as("%s", stripped.chars().boxed().toList())
                    .isEqualTo(runs.matcher(stripped).replaceAll(" "));
        }
    }

    @Test
    void randomTemplatesAndNamesReadAsBefore() {
        String[] pieces = {"{direction}", "{number}", "{disposition}", "{record}", " ", "  ", "\t", "Call", "-", "{",
            "}", "{x", "$", "\\"};
        Random random = new Random(7);
        int accepted = 0;
        for (int n = 0; n < 2_000; n++) {
            StringBuilder template = new StringBuilder("x");
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                template.append(pieces[random.nextInt(pieces.length)]);
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            SalesforceSettings settings;
            try {
                settings = SalesforceSettings.DEFAULTS.withSubjectTemplate(template.toString());
            } catch (IllegalArgumentException unknownPlaceholder) {
                continue; // e.g. "{x-{record}": the settings refuse it, so no bridge ever fills it in
            }
            accepted++;
            Call call = call(name.toString());
            String result = random.nextBoolean() ? "Left  Voicemail" : "Meaningful Connect";
            assertThat(new CallTaskLog(settings).subject(call, result))
                    .as("template '%s', record '%s'", template, name)
                    .isEqualTo(matchedEveryTime(call, template.toString(), result));
        }
        assertThat(accepted).isGreaterThan(1_000);
    }

    /** The Task's date in the configured zone, also where the offset changes and around midnight. */
    @Test
    void theActivityDateIsTheDayInTheConfiguredZone() {
        Random random = new Random(5);
        for (String zone : new String[] {"UTC", "+14:00", "-12:00", "America/Los_Angeles", "Europe/Berlin",
            "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kolkata"}) {
            java.time.ZoneId id = java.time.ZoneId.of(zone);
            CallTaskLog log = new CallTaskLog(SalesforceSettings.DEFAULTS.withActivityDateZone(id));
            for (int n = 0; n < 20_000; n++) {
                Instant at = Instant.ofEpochSecond(random.nextLong(-4_000_000_000L, 8_000_000_000L),
                        random.nextInt(1_000_000_000));
                assertThat(log.activityDate(at)).as("%s in %s", at, zone).isEqualTo(java.time.LocalDate.ofInstant(at, id));
            }
        }
    }

    private static Call call(@Nullable String recordName) {
        Call call = Call.outbound(CallId.of("call-1"), AGENT, null, NUMBER, T0);
        return call.toBuilder().record(new CrmRecordRef("salesforce", "Contact", "003000000000001AAA", recordName))
                .build();
    }

    /** How the subject was made before the template was cut once: the reference the new code must match. */
    private static String matchedEveryTime(Call call, String template, String result) {
        PhoneNumber other = call.to();
        String record = call.record() != null && call.record().name() != null ? call.record().name() : "";
        Map<String, String> values = Map.of("direction", "Outbound", "number", other.raw(), "disposition", result,
                "record", record);
        Matcher m = Pattern.compile("\\{([a-z]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        String subject = Pattern.compile("\\s{2,}").matcher(out.toString().strip()).replaceAll(" ");
        return subject.isEmpty() ? "Call" : subject;
    }
}
