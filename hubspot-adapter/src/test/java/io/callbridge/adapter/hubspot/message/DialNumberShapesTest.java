package io.callbridge.adapter.hubspot.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** DIAL_NUMBER as HubSpot really sends it (golden/hubspot/dial-number): decoded, and kept byte for byte. */
class DialNumberShapesTest {
    private final HubSpotMessageCodec codec = new HubSpotMessageCodec();

    static JsonNode shape(String name) {
        try (InputStream in = Objects.requireNonNull(
                DialNumberShapesTest.class.getResourceAsStream("/golden/hubspot/dial-number/" + name + ".json"), name)) {
            return Golden.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"from-ticket-without-object", "from-ticket", "related-contact", "star-extension",
            "x-extension"})
    void everyRealShapeDecodesAndEncodesBackUnchanged(String name) {
        JsonNode fixture = shape(name);
        FromHubSpot.DialNumber dial = (FromHubSpot.DialNumber) codec.decodeEvent("DIAL_NUMBER",
                Golden.JSON.writeValueAsString(fixture.get("data")));

        assertThat(Golden.JSON.readTree(codec.encode(dial))).isEqualTo(fixture);
        assertThat(dial.request().phoneNumber()).isEqualTo(fixture.get("data").get("phoneNumber").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"from-ticket-without-object"})
    void zeroIdsMeanNoRecordAndTheCalleeIsKept(String name) {
        DialRequest request = ((FromHubSpot.DialNumber) codec.decodeEvent("DIAL_NUMBER",
                Golden.JSON.writeValueAsString(shape(name).get("data")))).request();

        assertThat(request.objectId()).isNull();
        assertThat(request.subjectId()).isNull();
        assertThat(request.objectType()).isNull();
        assertThat(request.calleeInfo()).isEqualTo(new CalleeInfo(37621684164L, ObjectTypeId.CONTACT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"from-ticket", "star-extension", "x-extension"})
    void anyObjectTypeIsKeptAsHubSpotNamesIt(String name) {
        JsonNode data = shape(name).get("data");
        DialRequest request = ((FromHubSpot.DialNumber) codec.decodeEvent("DIAL_NUMBER",
                Golden.JSON.writeValueAsString(data))).request();

        assertThat(request.objectType()).isEqualTo(data.get("objectType").asString());
        assertThat(request.objectId()).isEqualTo(data.get("objectId").asLong());
    }

    /** A callee HubSpot could not name is no callee; the user's click still goes through. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"calleeId\":0,\"calleeObjectTypeId\":\"0-1\"}",
            "{\"calleeId\":-1,\"calleeObjectTypeId\":\"0-1\"}", "{\"calleeId\":5,\"calleeObjectTypeId\":\"0-3\"}",
            "{\"calleeObjectTypeId\":\"0-1\"}", "{\"calleeId\":5}", "{}"})
    void aCalleeHubSpotCouldNotNameIsDroppedAndTheDialKept(String callee) {
        FromHubSpot.DialNumber dial = (FromHubSpot.DialNumber) codec.decodeEvent("DIAL_NUMBER",
                "{\"phoneNumber\":\"+16175550142\",\"calleeInfo\":" + callee + "}");

        assertThat(dial.request().calleeInfo()).isNull();
        assertThat(dial.payload()).contains(callee);
    }
}
