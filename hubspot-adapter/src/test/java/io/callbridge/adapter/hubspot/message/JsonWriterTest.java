package io.callbridge.adapter.hubspot.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written writer against Jackson's generator: the same calls must give the same text, character for character. */
class JsonWriterTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    private static String jackson(Consumer<JsonGenerator> calls) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            calls.accept(g);
        }
        return out.toString();
    }

    @Test
    void everyCharacterIsWrittenAsJacksonWritesItInValuesAndNames() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            JsonWriter ours = new JsonWriter(16).writeStartObject().writeStringProperty(text, text).writeEndObject();
            String theirs = jackson(g -> g.writeStartObject().writeStringProperty(text, text).writeEndObject());
            assertThat(ours.toString()).as("U+%04X", c).isEqualTo(theirs);
        }
    }

    @Test
    void escapesAtTheEdgesAndInRunsAndPairsAsJackson() {
        for (String text : new String[] {"", "\"", "\\\\", "\n\n\n", "\u0000x\u001f", "x\u007f\u0080", "\uD83D\uDE00",
            "\uDE00\uD83D", "tail\r", "</script>", "\u2028\u2029", "plain text, nothing to escape"}) {
            assertThat(new JsonWriter(0).writeString(text).toString()).isEqualTo(jackson(g -> g.writeString(text)));
        }
    }

    @Test
    void structureNumbersAndLiteralsAsJackson() {
        JsonWriter ours = new JsonWriter(8);
        ours.writeStartObject().writeName("a").writeStartArray().writeNumber(1).writeNumber(Long.MIN_VALUE)
                .writeNumber(new BigDecimal("12.75")).writeNumber(new BigDecimal("1E+400"))
                .writeNumber(new BigDecimal("-0.000000001")).writeBoolean(true).writeNull().writeStartObject()
                .writeEndObject().writeStartArray().writeEndArray().writeString("x").writeEndArray()
                .writeNumberProperty("n", 7).writeBooleanProperty("b", false).writeName("o").writeStartObject()
                .writeName("raw").writeRawValue("{\"k\":[1,2]}").writeStringProperty("s", "t").writeEndObject()
                .writeEndObject();
        String theirs = jackson(g -> g.writeStartObject().writeName("a").writeStartArray().writeNumber(1)
                .writeNumber(Long.MIN_VALUE).writeNumber(new BigDecimal("12.75")).writeNumber(new BigDecimal("1E+400"))
                .writeNumber(new BigDecimal("-0.000000001")).writeBoolean(true).writeNull().writeStartObject()
                .writeEndObject().writeStartArray().writeEndArray().writeString("x").writeEndArray()
                .writeNumberProperty("n", 7).writeBooleanProperty("b", false).writeName("o").writeStartObject()
                .writeName("raw").writeRawValue("{\"k\":[1,2]}").writeStringProperty("s", "t").writeEndObject()
                .writeEndObject());
        assertThat(ours.toString()).isEqualTo(theirs);
        assertThat(new JsonWriter(0).toString()).isEmpty();
    }
}
