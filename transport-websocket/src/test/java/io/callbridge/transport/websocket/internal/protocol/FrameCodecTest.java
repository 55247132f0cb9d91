package io.callbridge.transport.websocket.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec();

    @TestFactory
    Stream<DynamicTest> everyGoldenFixtureRoundTripsUnchanged() throws Exception {
        return fixtures().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            JsonNode golden = codec.parse(e.getValue());
            BridgeFrame frame = codec.decode(golden);
            assertThat(codec.toTree(frame)).isEqualTo(golden);
            assertThat(codec.decode(codec.encode(frame))).isEqualTo(frame);
        }));
    }

    @Test
    void anInvokeAroundRawArgumentsIsTheGoldenFrameToTheCharacter() throws Exception {
        String golden = fixtures().get("invoke.json").strip();
        String args = "{\"externalCallId\":\"c-7f3a\",\"toNumber\":\"+14155551212\",\"createEngagement\":true}";

        String written = codec.encodeInvoke("hubspot.outgoingCall.c-7f3a", "outgoingCall", args);

        assertThat(written).isEqualTo(golden);
        assertThat(written).isEqualTo(codec.encode(codec.decode(golden)));
    }

    @Test
    void anInvokeAroundRawArgumentsChecksItsFieldsByName() {
        assertThatThrownBy(() -> codec.encodeInvoke("has space", "outgoingCall", "{}"))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> codec.encodeInvoke("id-1", "", "{}"))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> assertThat(e.field()).isEqualTo("method"));
        assertThatThrownBy(() -> codec.encodeInvoke("id-1", "m", " "))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> assertThat(e.field()).isEqualTo("args"));
    }

    @Test
    void everyFrameTypeHasAGoldenFixture() throws Exception {
        Set<Class<?>> covered = fixtures().values().stream()
                .map(json -> codec.decode(json).getClass())
                .collect(Collectors.toSet());
        assertThat(covered)
                .as("frame types without a fixture in golden/bridge/")
                .containsAll(Arrays.asList(BridgeFrame.class.getPermittedSubclasses()));
    }

    @Test
    void everyFrameTypeIsDocumented() throws Exception {
        Path doc = Path.of("..", "docs", "bridge-protocol.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        for (String json : fixtures().values()) {
            String type = codec.decode(json).type();
            assertThat(text).as("docs/bridge-protocol.md documents '%s'", type).contains("\"type\":\"" + type + "\"");
        }
    }

    @ParameterizedTest(name = "{0} → {1} at {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"hello\",\"v\":\"1\",\"token\":\"t\",\"crm\":\"hubspot\",\"role\":\"widget\"}|WRONG_TYPE|v",
        "{\"type\":\"hello\",\"v\":1,\"crm\":\"hubspot\",\"role\":\"widget\"}|MISSING_FIELD|token",
        "{\"type\":\"hello\",\"v\":1,\"token\":\"t\",\"crm\":\"Hub Spot\",\"role\":\"widget\"}|INVALID_VALUE|crm",
        "{\"type\":\"hello\",\"v\":1,\"token\":\"t\",\"crm\":\"hubspot\",\"role\":\"w\",\"resumeAfter\":-1}|INVALID_VALUE|resumeAfter",
        "{\"type\":\"hello\",\"v\":1,\"token\":\"t\",\"crm\":\"hubspot\",\"role\":\"w\",\"attributes\":{\"a\":1}}|WRONG_TYPE|attributes.a",
        "{\"type\":\"uiAction\",\"action\":\"dial\"}|MISSING_FIELD|id",
        "{\"type\":\"uiAction\",\"id\":\"a\",\"action\":\"dial\",\"args\":[]}|WRONG_TYPE|args",
        "{\"type\":\"result\",\"id\":\"i\",\"ok\":false}|MISSING_FIELD|error",
        "{\"type\":\"result\",\"id\":\"i\",\"ok\":\"yes\"}|WRONG_TYPE|ok",
        "{\"type\":\"result\",\"id\":\"i\",\"ok\":false,\"error\":{\"code\":\"OOPS\",\"message\":\"m\"}}|INVALID_VALUE|error.code",
        "{\"type\":\"result\",\"id\":\"i\",\"ok\":false,\"error\":{\"message\":\"m\"}}|MISSING_FIELD|error.code",
        "{\"type\":\"crmEvent\",\"name\":\"X\"}|MISSING_FIELD|data",
        "{\"type\":\"crmEvent\",\"name\":\"X\",\"data\":1,\"id\":\"has space\"}|INVALID_VALUE|id",
        "{\"type\":\"crmEvent\",\"name\":\"X\",\"data\":1,\"id\":7}|WRONG_TYPE|id",
        "{\"type\":\"teleport\"}|UNKNOWN_TYPE|type",
        "{\"type\":7}|WRONG_TYPE|type",
        "{}|MISSING_FIELD|type",
    })
    void badFramesNameTheField(String json, WireError code, String field) {
        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void textThatIsNotAJsonObjectIsMalformed() {
        for (String text : List.of("", "nope", "[1,2]", "\"hello\"", "{\"type\":\"ping\"} {}", "{\"a\":1,\"a\":2}",
                "[".repeat(500) + "]".repeat(500))) {
            assertThatThrownBy(() -> codec.decode(text))
                    .as(text.length() > 40 ? text.substring(0, 40) : text)
                    .isInstanceOfSatisfying(InvalidFrameException.class,
                            e -> assertThat(e.code()).isEqualTo(WireError.MALFORMED_JSON));
        }
    }

    @Test
    void unknownMembersAreIgnoredForForwardCompatibility() {
        BridgeFrame frame = codec.decode("{\"type\":\"ping\",\"nonce\":\"1\",\"future\":true}");
        assertThat(frame).isEqualTo(new BridgeFrame.Ping("1"));
    }

    private static Map<String, String> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(FrameCodecTest.class.getResource("/golden/bridge").toURI());
        Map<String, String> fixtures = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList())) {
                fixtures.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(fixtures).isNotEmpty();
        return fixtures;
    }

    @Test
    void aUiFrameAroundAWrittenStateIsTheSameTextAsEncodingItWhole() {
        tools.jackson.databind.node.ObjectNode state = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        state.putObject("agent").put("id", "ann").put("loggedIn", true);
        state.putArray("calls").addObject().put("id", "c-1").put("display", "(415) 555-0100 \u00e9\"");
        String whole = codec.encode(new BridgeFrame.Ui(42, state));
        assertThat(codec.encodeUi(42, codec.write(state))).isEqualTo(whole);
        assertThat(codec.decode(whole)).isEqualTo(new BridgeFrame.Ui(42, state));
    }

}
