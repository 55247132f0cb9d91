package io.callbridge.adapter.hubspot.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.callbridge.adapter.hubspot.message.Golden.Direction;
import io.callbridge.adapter.hubspot.message.HubSpotMessageException.Code;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class HubSpotMessageCodecTest {

    private final HubSpotMessageCodec codec = new HubSpotMessageCodec();

    /**
     * Text of every kind and raw JSON of every kind come out exactly as Jackson writes their tree: the bytes are their
     * own canonical compact form, and a raw payload is what writing its parsed tree gives.
     */
    @Test
    void textAndRawJsonAreWrittenAsTheirTreeIsWritten() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        every.append("\u2028\u2029 \uD83D\uDE00 \uD800 </script> \\ \"");
        String rawJson = "{ \"a\" : 1.50, \"b\": [1e2, -0, 12345678901234567890, \"x\\u0001\\/\"], \"c\": null,"
                + " \"d\": \"\u2028\", \"e\": {}, \"f\": 0.1 }";
        EngagementProperties properties = EngagementProperties.at(Instant.ofEpochMilli(1_763_740_801_500L))
                .withBody(every.toString())
                .withOutcome("f240bbac-87c9-4f6e-bf70-924b57d47db7", "Call with " + every, null)
                .withOwner(53_728_419L);
        List<ToHubSpot> messages = List.of(
                new ToHubSpot.CallData(rawJson),
                new ToHubSpot.CallData("\"just text\""),
                new ToHubSpot.ErrorNotice(every.toString(), SdkErrorType.UNKNOWN_MESSAGE_TYPE, rawJson),
                new ToHubSpot.OutgoingCallStarted("cb-1", "+16175550100", "+16175550142", 1L, true, rawJson),
                new ToHubSpot.CallCompleted("cb-1", 51_234_567_890L, false, properties));
        for (ToHubSpot message : messages) {
            String encoded = codec.encode(message);
            assertThat(encoded).as(message.type()).isEqualTo(Golden.JSON.writeValueAsString(Golden.JSON.readTree(encoded)));
            assertThat(codec.decodeMessage(message.type(), codec.encodeData(message))).isEqualTo(message);
        }
        assertThat(codec.encodeData(new ToHubSpot.CallData(rawJson)))
                .isEqualTo(Golden.JSON.writeValueAsString(Golden.JSON.readTree(rawJson)));
        assertThat(codec.encode(new ToHubSpot.CallData("null"))).isEqualTo("{\"type\":\"CALL_DATA\",\"data\":null}");
        assertThat(codec.encode(new ToHubSpot.LoggedIn())).isEqualTo("{\"type\":\"LOGGED_IN\"}");
        assertThat(codec.encodeData(new ToHubSpot.LoggedIn())).isNull();
        assertThat(codec.encodeData(new FromHubSpot.EndCall(null))).isNull();
        assertThat(codec.encode(new FromHubSpot.EndCall(null))).isEqualTo("{\"type\":\"END_CALL\"}");
    }

    @ParameterizedTest(name = "{0} {1} without {2}")
    @CsvSource({
        "TO_HUBSPOT, INITIALIZED, data.sizeInfo.width",
        "TO_HUBSPOT, INITIALIZED, data.sizeInfo.height",
        "TO_HUBSPOT, OUTGOING_CALL_STARTED, data.externalCallId",
        "TO_HUBSPOT, INCOMING_CALL, data.externalCallId",
        "TO_HUBSPOT, INCOMING_CALL, data.fromNumber",
        "TO_HUBSPOT, INCOMING_CALL, data.toNumber",
        "TO_HUBSPOT, CALL_ANSWERED, data.externalCallId",
        "TO_HUBSPOT, CALL_TRANSFERRED, data.externalCallId",
        "TO_HUBSPOT, CALL_DATA, data",
        "TO_HUBSPOT, CALL_ENDED, data.externalCallId",
        "TO_HUBSPOT, CALL_COMPLETED, data.externalCallId",
        "TO_HUBSPOT, CALL_COMPLETED, data.engagementProperties.hs_timestamp",
        "TO_HUBSPOT, FINALIZE_ENGAGEMENT, data.externalCallId",
        "TO_HUBSPOT, FINALIZE_ENGAGEMENT, data.engagementId",
        "TO_HUBSPOT, PUBLISH_TO_CHANNEL, data.externalCallId",
        "TO_HUBSPOT, PUBLISH_TO_CHANNEL, data.engagementId",
        "TO_HUBSPOT, NAVIGATE_TO_RECORD, data.objectCoordinates",
        "TO_HUBSPOT, NAVIGATE_TO_RECORD, data.objectCoordinates.portalId",
        "TO_HUBSPOT, NAVIGATE_TO_RECORD, data.objectCoordinates.objectId",
        "TO_HUBSPOT, NAVIGATE_TO_RECORD, data.objectCoordinates.objectTypeId",
        "TO_HUBSPOT, ERROR, data.message",
        "TO_HUBSPOT, RESIZE_WIDGET, data.width",
        "TO_HUBSPOT, RESIZE_WIDGET, data.height",
        "TO_HUBSPOT, SET_WIDGET_URL, data.iFrameUrl",
        "TO_HUBSPOT, SYNC_ACK, data.version",
        "TO_HUBSPOT, SYNC_ACK, data.iFrameUrl",
        "FROM_HUBSPOT, SYNC, data.hostUrl",
        "FROM_HUBSPOT, DIAL_NUMBER, data.phoneNumber",
        "FROM_HUBSPOT, CREATE_ENGAGEMENT_SUCCEEDED, data.engagementId",
        "FROM_HUBSPOT, ENGAGEMENT_CREATED, data.engagementId",
        "FROM_HUBSPOT, UPDATE_ENGAGEMENT_SUCCEEDED, data.engagementId",
        "FROM_HUBSPOT, FINALIZE_ENGAGEMENT_SUCCEEDED, data.engagementId",
        "FROM_HUBSPOT, FINALIZE_ENGAGEMENT_SUCCEEDED, data.externalCallId",
        "FROM_HUBSPOT, PUBLISH_TO_CHANNEL_SUCCEEDED, data.engagementId",
        "FROM_HUBSPOT, PUBLISH_TO_CHANNEL_SUCCEEDED, data.externalCallId",
        "FROM_HUBSPOT, CALLER_ID_MATCH_SUCCEEDED, data.callerIdMatches",
        "FROM_HUBSPOT, CALLER_ID_MATCH_SUCCEEDED, data.callerIdMatches[0].callerIdType",
        "FROM_HUBSPOT, CALLER_ID_MATCH_SUCCEEDED, data.callerIdMatches[0].objectCoordinates",
        "FROM_HUBSPOT, CALLER_ID_MATCH_SUCCEEDED, data.callerIdMatches[1].objectCoordinates.objectId",
        "FROM_HUBSPOT, NAVIGATE_TO_RECORD_FAILED, data.objectCoordinates.portalId",
        "FROM_HUBSPOT, VISIBILITY_CHANGED, data.isMinimized",
        "FROM_HUBSPOT, VISIBILITY_CHANGED, data.isHidden",
    })
    void aMissingRequiredFieldIsNamed(Direction direction, String type, String path) {
        ObjectNode fixture = Golden.fixture(direction, type);
        FixturePaths.remove(fixture, path);

        assertDecodeFails(direction, fixture, Code.MISSING_FIELD, path);
    }

    @ParameterizedTest(name = "{0} {1} with null {2}")
    @CsvSource({
        "TO_HUBSPOT, CALL_ENDED, data.externalCallId",
        "FROM_HUBSPOT, DIAL_NUMBER, data.phoneNumber",
    })
    void aNullRequiredFieldCountsAsMissing(Direction direction, String type, String path) {
        ObjectNode fixture = Golden.fixture(direction, type);
        FixturePaths.replace(fixture, path, Golden.JSON.nullNode());

        assertDecodeFails(direction, fixture, Code.MISSING_FIELD, path);
    }

    @ParameterizedTest(name = "{0} {1}: {2} = {3}")
    @CsvSource(delimiter = '|', value = {
        "TO_HUBSPOT | INITIALIZED | data.isLoggedIn | \"yes\"",
        "TO_HUBSPOT | INITIALIZED | data.sizeInfo | 400",
        "TO_HUBSPOT | OUTGOING_CALL_STARTED | data.externalCallId | 42",
        "TO_HUBSPOT | OUTGOING_CALL_STARTED | data.dialingContext | \"+16175550142\"",
        "TO_HUBSPOT | OUTGOING_CALL_STARTED | data.callStartTime | \"1763740801500\"",
        "TO_HUBSPOT | CALL_ENDED | data.engagementId | \"abc\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties | []",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_call_duration | true",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_timestamp | false",
        "TO_HUBSPOT | CALL_COMPLETED | data.hideWidget | \"false\"",
        "TO_HUBSPOT | NAVIGATE_TO_RECORD | data.objectCoordinates.objectId | {}",
        "TO_HUBSPOT | RESIZE_WIDGET | data.width | \"400px\"",
        "FROM_HUBSPOT | SYNC | data.usesCallingWindow | 1",
        "FROM_HUBSPOT | DIAL_NUMBER | data.phoneNumber | 6175550142",
        "FROM_HUBSPOT | DIAL_NUMBER | data.calleeInfo | \"9001\"",
        "FROM_HUBSPOT | DIAL_NUMBER | data.calleeInfo.calleeId | true",
        "FROM_HUBSPOT | CALLER_ID_MATCH_SUCCEEDED | data.callerIdMatches | {}",
        "FROM_HUBSPOT | CALLER_ID_MATCH_SUCCEEDED | data.callerIdMatches[0] | 5",
        "FROM_HUBSPOT | CALLER_ID_MATCH_SUCCEEDED | data.callerIdMatches[0].email | []",
        "FROM_HUBSPOT | VISIBILITY_CHANGED | data.isHidden | 0",
        "FROM_HUBSPOT | CREATE_ENGAGEMENT_FAILED | data.error | \"boom\"",
    })
    void aValueOfTheWrongJsonTypeIsNamed(Direction direction, String type, String path, String json) {
        ObjectNode fixture = Golden.fixture(direction, type);
        FixturePaths.replace(fixture, path, Golden.JSON.readTree(json));

        assertDecodeFails(direction, fixture, Code.WRONG_TYPE, path);
    }

    @ParameterizedTest(name = "{0} {1}: {2} = {3}")
    @CsvSource(delimiter = '|', value = {
        "TO_HUBSPOT | CALL_ENDED | data.callEndStatus | \"HUNG_UP\"",
        "TO_HUBSPOT | NAVIGATE_TO_RECORD | data.openIn | \"POPUP\"",
        "TO_HUBSPOT | NAVIGATE_TO_RECORD | data.objectCoordinates.objectTypeId | \"0-3\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_call_status | \"ENDING\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_call_direction | \"outbound\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_call_source | \"API\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_call_callee_object_type | \"DEAL\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_call_duration | \"3 minutes\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_timestamp | \"yesterday\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementProperties.hs_attachment_ids | \"1;;2\"",
        "TO_HUBSPOT | CALL_COMPLETED | data.engagementId | \"eng-1\"",
        "TO_HUBSPOT | SYNC_ACK | data.iframeLocation | \"sidebar\"",
        "TO_HUBSPOT | ERROR | data.message | \"   \"",
        "TO_HUBSPOT | INCOMING_CALL | data.externalCallId | \"\"",
        "TO_HUBSPOT | CALL_ENDED | data.engagementId | 0",
        "TO_HUBSPOT | CALL_ENDED | data.engagementId | 12.5",
        "TO_HUBSPOT | CALL_ENDED | data.engagementId | 123456789012345678901234567890",
        "TO_HUBSPOT | RESIZE_WIDGET | data.height | -1",
        "FROM_HUBSPOT | SYNC | data.iframeLocation | \"WIDGET\"",
        "FROM_HUBSPOT | DIAL_NUMBER | data.objectType | \"\"",
        "FROM_HUBSPOT | CALLER_ID_MATCH_SUCCEEDED | data.callerIdMatches[1].callerIdType | \"DEAL\"",
        "FROM_HUBSPOT | CALLER_ID_MATCH_SUCCEEDED | data.callerIdMatches[0].objectCoordinates.portalId | -4",
    })
    void anInvalidValueIsNamed(Direction direction, String type, String path, String json) {
        ObjectNode fixture = Golden.fixture(direction, type);
        FixturePaths.replace(fixture, path, Golden.JSON.readTree(json));

        assertDecodeFails(direction, fixture, Code.INVALID_VALUE, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://recordings.example.com/calls/1.mp3",
        "ftp://recordings.example.com/calls/1.mp3",
        "/calls/1.mp3",
        "https:///calls/1.mp3",
        "not a url",
    })
    void aRecordingUrlMustBeHttps(String url) {
        ObjectNode fixture = Golden.fixture(Direction.TO_HUBSPOT, "CALL_COMPLETED");
        ((ObjectNode) fixture.get("data").get("engagementProperties")).put("hs_call_recording_url", url);

        assertDecodeFails(Direction.TO_HUBSPOT, fixture, Code.INVALID_VALUE,
                "data.engagementProperties.hs_call_recording_url");
    }

    @Test
    void aRecordingUrlBuiltInJavaMustBeHttpsToo() {
        EngagementProperties properties = EngagementProperties.at(Instant.parse("2026-11-21T18:00:00Z"));

        assertThatThrownBy(() -> properties.withRecording(URI.create("http://rec.example.com/1.wav"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hs_call_recording_url");
        assertThat(properties.withRecording(URI.create("https://rec.example.com/1.wav"), CallSource.INTEGRATIONS_PLATFORM)
                .recordingUrl()).hasToString("https://rec.example.com/1.wav");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"phoneNumber\":", "{\"phoneNumber\":\"+1\"} trailing", "{'phoneNumber':'+1'}",
        "{\"phoneNumber\":\"+1\",\"phoneNumber\":\"+2\"}", "[1,2"})
    void malformedJsonIsReported(String data) {
        assertThatThrownBy(() -> codec.decodeEvent("DIAL_NUMBER", data))
                .asInstanceOf(type(HubSpotMessageException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(Code.MALFORMED_JSON);
                    assertThat(e.field()).isEqualTo("data");
                    assertThat(e.messageType()).isEqualTo("DIAL_NUMBER");
                });
    }

    @Test
    void dataThatIsNotAnObjectIsTheWrongType() {
        assertThatThrownBy(() -> codec.decodeMessage("CALL_ANSWERED", "[\"cb-1\"]"))
                .asInstanceOf(type(HubSpotMessageException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(Code.WRONG_TYPE);
                    assertThat(e.field()).isEqualTo("data");
                });
    }

    @Test
    void anUnknownTypeIsReportedWithTheType() {
        assertThatThrownBy(() -> codec.decodeEvent("HANG_UP_EVERYTHING", "{}"))
                .asInstanceOf(type(HubSpotMessageException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(Code.UNKNOWN_MESSAGE_TYPE);
                    assertThat(e.messageType()).isEqualTo("HANG_UP_EVERYTHING");
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.getMessage()).contains("HANG_UP_EVERYTHING");
                });
    }

    @Test
    void aTypeOfTheOtherDirectionIsUnknown() {
        assertThatThrownBy(() -> codec.decodeMessage("DIAL_NUMBER", "{\"phoneNumber\":\"+1\"}"))
                .asInstanceOf(type(HubSpotMessageException.class))
                .extracting(HubSpotMessageException::code).isEqualTo(Code.UNKNOWN_MESSAGE_TYPE);
        assertThatThrownBy(() -> codec.decodeEvent("CALL_ENDED", "{}"))
                .asInstanceOf(type(HubSpotMessageException.class))
                .extracting(HubSpotMessageException::code).isEqualTo(Code.UNKNOWN_MESSAGE_TYPE);
    }

    @Test
    void aBlankTypeIsMissing() {
        assertThatThrownBy(() -> codec.decodeEvent(" ", "{}"))
                .asInstanceOf(type(HubSpotMessageException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(Code.MISSING_FIELD);
                    assertThat(e.field()).isEqualTo("type");
                });
    }

    @Test
    void unknownExtraPropertiesAreTolerated() {
        ToHubSpot message = codec.decodeMessage("CALL_ENDED",
                "{\"externalCallId\":\"cb-1\",\"engagementId\":7,\"futureField\":{\"a\":[1,2]},\"callEndStatus\":null}");

        assertThat(message).isEqualTo(new ToHubSpot.CallEnded("cb-1", 7L, null));
        assertThat(codec.encode(message)).isEqualTo(
                "{\"type\":\"CALL_ENDED\",\"data\":{\"externalCallId\":\"cb-1\",\"engagementId\":7}}");
    }

    @Test
    void messagesWithoutDataAcceptAnyOfTheWaysToSayNothing() {
        for (String data : new String[] {null, "", "null", "{}", "{\"unexpected\":true}"}) {
            assertThat(codec.decodeMessage("LOGGED_IN", data)).isEqualTo(new ToHubSpot.LoggedIn());
        }
        assertThat(codec.encode(new ToHubSpot.UserAvailable())).isEqualTo("{\"type\":\"USER_AVAILABLE\"}");
        assertThat(codec.encodeData(new ToHubSpot.UserAvailable())).isNull();
    }

    @Test
    void dialNumberKeepsItsWholePayloadForTheEcho() {
        FromHubSpot.DialNumber dial = (FromHubSpot.DialNumber) Golden.decode(codec, Direction.FROM_HUBSPOT,
                Golden.fixture(Direction.FROM_HUBSPOT, "DIAL_NUMBER"));

        assertThat(dial.request().phoneNumber()).isEqualTo("+1 (617) 555-0142");
        assertThat(dial.request().calleeInfo()).isEqualTo(new CalleeInfo(9001, ObjectTypeId.CONTACT));
        assertThat(dial.request().objectType()).isEqualTo("CONTACT");

        var started = new ToHubSpot.OutgoingCallStarted("cb-9", "+16175550100", "+16175550142", 1763740801500L,
                true, dial.payload());
        JsonNode context = Golden.JSON.readTree(codec.encode(started)).get("data").get("dialingContext");
        assertThat(context).isEqualTo(Golden.fixture(Direction.FROM_HUBSPOT, "DIAL_NUMBER").get("data"));
        assertThat(context.get("hsExperimentalFlag").stringValue()).isEqualTo("kept-verbatim");
    }

    @Test
    void dialNumberBuiltInJavaMustAgreeWithItsPayload() {
        String payload = "{\"phoneNumber\":\"+16175550142\",\"portalId\":22104933}";
        FromHubSpot.DialNumber dial = FromHubSpot.DialNumber.ofPayload(payload);
        assertThat(dial.request().portalId()).isEqualTo(22104933L);

        DialRequest other = new DialRequest("+16175550199", null, null, null, null, 22104933L, null, null, null,
                null);
        assertThatThrownBy(() -> new FromHubSpot.DialNumber(other, payload))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FromHubSpot.DialNumber.ofPayload("{\"portalId\":1}"))
                .asInstanceOf(type(HubSpotMessageException.class))
                .extracting(HubSpotMessageException::field).isEqualTo("data.phoneNumber");
    }

    @Test
    void theSdksOwnUnknownTypeErrorRoundTrips() {
        String data = "{\"type\":\"UNKNOWN_MESSAGE_TYPE\",\"data\":{\"originalMessage\":"
                + "{\"type\":\"SOMETHING_NEW\",\"data\":{\"x\":1},\"messageId\":\"1763740800000_1763740800500\"}}}";

        ToHubSpot.ErrorNotice error = (ToHubSpot.ErrorNotice) codec.decodeMessage("ERROR", data);

        assertThat(error.errorType()).isEqualTo(SdkErrorType.UNKNOWN_MESSAGE_TYPE);
        assertThat(error.message()).isNull();
        assertThat(Golden.JSON.readTree(codec.encodeData(error))).isEqualTo(Golden.JSON.readTree(data));
        assertThatThrownBy(() -> new ToHubSpot.ErrorNotice(null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callCompletedAcceptsTheLibrarysAlternativeForms() {
        String data = "{\"externalCallId\":\"cb-1\",\"engagementId\":\"51234567890\",\"engagementProperties\":"
                + "{\"hs_timestamp\":\"2026-11-21T18:00:00.250Z\",\"hs_call_duration\":184250,"
                + "\"hubspot_owner_id\":53728419}}";

        ToHubSpot.CallCompleted completed = (ToHubSpot.CallCompleted) codec.decodeMessage("CALL_COMPLETED", data);

        assertThat(completed.engagementId()).isEqualTo(51234567890L);
        EngagementProperties p = completed.engagementProperties();
        assertThat(p).isNotNull();
        assertThat(p.timestamp()).isEqualTo(Instant.parse("2026-11-21T18:00:00.250Z"));
        assertThat(p.duration()).isEqualTo(Duration.ofMillis(184250));
        // Written back in the one canonical form each: numbers for ids and time, a string for duration.
        assertThat(codec.encodeData(completed)).isEqualTo("{\"externalCallId\":\"cb-1\",\"engagementId\":51234567890,"
                + "\"engagementProperties\":{\"hs_timestamp\":1795284000250,\"hs_call_duration\":\"184250\","
                + "\"hubspot_owner_id\":\"53728419\"}}");
    }

    @Test
    void modelValuesBuiltInJavaCannotBeInvalid() {
        assertRejects(() -> new ToHubSpot.CallAnswered(" "));
        assertRejects(() -> new ToHubSpot.CallEnded("cb-1", -5L, CallEndStatus.COMPLETED));
        assertRejects(() -> new ToHubSpot.ResizeWidget(-1, 10));
        assertRejects(() -> new ToHubSpot.CallData("{not json"));
        assertRejects(() -> new ToHubSpot.OutgoingCallStarted("cb-1", null, null, null, null, "[1]"));
        assertRejects(() -> new ObjectCoordinates(0, 1, ObjectTypeId.CONTACT));
        assertRejects(() -> EngagementProperties.at(Instant.EPOCH).withAttachmentIds(List.of("1;2")));
        assertRejects(() -> EngagementProperties.at(Instant.EPOCH)
                .withCall(CallDirection.INBOUND, CallStatus.COMPLETED, Duration.ofSeconds(-1), null, null));
        assertThatThrownBy(() -> new ToHubSpot.IncomingCall("cb-1", null, "+1", null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void rawJsonIsStoredCompactSoEqualPayloadsAreEqual() {
        assertThat(new ToHubSpot.CallData("{ \"a\" : [1, 2] }")).isEqualTo(new ToHubSpot.CallData("{\"a\":[1,2]}"));
        assertThat(EngagementProperties.at(Instant.parse("2026-11-21T18:00:00.123456Z")).timestamp())
                .isEqualTo(Instant.parse("2026-11-21T18:00:00.123Z"));
    }

    @Test
    void aBuiltMessageEncodesAsTheSdkWouldSendIt() {
        var completed = new ToHubSpot.CallCompleted("cb-7", 51234567890L, null,
                EngagementProperties.at(Instant.ofEpochMilli(1763740801500L))
                        .withCall(CallDirection.OUTBOUND, CallStatus.COMPLETED, Duration.ofMillis(61000),
                                "+16175550100", "+16175550142")
                        .withAttachmentIds(List.of("11", "12")));

        assertThat(codec.encode(completed)).isEqualTo("{\"type\":\"CALL_COMPLETED\",\"data\":{"
                + "\"externalCallId\":\"cb-7\",\"engagementId\":51234567890,\"engagementProperties\":{"
                + "\"hs_timestamp\":1763740801500,\"hs_call_direction\":\"OUTBOUND\",\"hs_call_duration\":\"61000\","
                + "\"hs_call_from_number\":\"+16175550100\",\"hs_call_status\":\"COMPLETED\","
                + "\"hs_call_to_number\":\"+16175550142\",\"hs_attachment_ids\":\"11;12\"}}}");
    }

    private static void assertRejects(ThrowingCallable construction) {
        assertThatThrownBy(construction).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertDecodeFails(Direction direction, ObjectNode envelope, Code code, String path) {
        assertThatThrownBy(() -> Golden.decode(codec, direction, envelope))
                .asInstanceOf(type(HubSpotMessageException.class))
                .satisfies(e -> {
                    assertThat(e.code()).as("code of: %s", e.getMessage()).isEqualTo(code);
                    assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(path);
                    assertThat(e.getMessage()).contains(path);
                    assertThat(e.messageType()).isEqualTo(envelope.get("type").stringValue());
                });
    }

    /** After CREATE_ENGAGEMENT_FAILED HubSpot still needs CALL_ENDED, which then has no engagement id. */
    @org.junit.jupiter.api.Test
    void callEndedWithoutAnEngagementIdRoundTrips() {
        String json = "{\"type\":\"CALL_ENDED\",\"data\":{\"externalCallId\":\"cb-1\",\"callEndStatus\":\"FAILED\"}}";
        ToHubSpot message = codec.decodeMessage("CALL_ENDED", "{\"externalCallId\":\"cb-1\",\"callEndStatus\":\"FAILED\"}");

        assertThat(message).isEqualTo(new ToHubSpot.CallEnded("cb-1", null, CallEndStatus.FAILED));
        assertThat(codec.encode(message)).isEqualTo(json);
    }
}
