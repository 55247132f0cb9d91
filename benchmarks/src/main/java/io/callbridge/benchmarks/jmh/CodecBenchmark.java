package io.callbridge.benchmarks.jmh;

import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.HubSpotMessageCodec;
import io.callbridge.adapter.hubspot.message.ToHubSpot;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiEvent;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The codecs alone. Inbound CRM JSON → typed message: HubSpot's DIAL_NUMBER and Open CTI's onClickToDial, as bridges
 * forward them, and Salesforce's result of a saveLog with the saved Task's id read from it (what every wrap-up reads
 * back). Typed message → wire bytes: the largest message of each CRM (HubSpot CALL_COMPLETED with every engagement
 * property, Open CTI saveLog).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
    static final String DIAL_NUMBER = "{\"phoneNumber\":\"+1 (617) 555-0142\",\"ownerId\":53728419,\"subjectId\":9001,"
            + "\"objectId\":9001,\"objectType\":\"CONTACT\",\"portalId\":22104933,\"countryCode\":\"US\","
            + "\"calleeInfo\":{\"calleeId\":9001,\"calleeObjectTypeId\":\"0-1\"},\"startTimestamp\":1763740800123,"
            + "\"toPhoneNumberSrc\":\"mobilephone\"}";
    static final String CLICK_TO_DIAL = "{\"number\":\"(415) 555-1212\",\"recordId\":\"003xx000004TmiQAAS\","
            + "\"recordName\":\"Ada Lovelace\",\"objectType\":\"Contact\",\"personAccount\":false}";
    static final String CALL_COMPLETED = "{\"externalCallId\":\"cb-7f3a9c2e-1b\",\"engagementId\":51234567890,"
            + "\"hideWidget\":false,\"engagementProperties\":{\"hs_timestamp\":1763740801500,"
            + "\"hs_call_body\":\"Discussed renewal; send quote by Friday.\",\"hs_call_callee_object_id\":\"9001\","
            + "\"hs_call_callee_object_type\":\"CONTACT\",\"hs_call_direction\":\"OUTBOUND\","
            + "\"hs_call_disposition\":\"f240bbac-87c9-4f6e-bf70-924b57d47db7\",\"hs_call_duration\":\"184250\","
            + "\"hs_call_from_number\":\"+16175550100\",\"hs_call_status\":\"COMPLETED\","
            + "\"hs_call_title\":\"Call with Ada Lovelace\",\"hs_call_source\":\"INTEGRATIONS_PLATFORM\","
            + "\"hs_call_to_number\":\"+16175550142\",\"hubspot_owner_id\":\"53728419\"}}";
    static final String SAVE_LOG = "{\"method\":\"saveLog\",\"args\":{\"value\":{\"entityApiName\":\"Task\","
            + "\"Subject\":\"Call with Ada Lovelace\",\"CallType\":\"Outbound\",\"CallDurationInSeconds\":184,"
            + "\"CallObject\":\"cb-7f3a\",\"WhoId\":\"003xx000004TmiQAAS\",\"Status\":\"Completed\","
            + "\"ActivityDate\":\"2026-11-21\",\"TaskSubtype\":\"Call\"}}}";

    static final String SAVE_LOG_RESULT = "{\"success\":true,\"returnValue\":{\"recordId\":\"00T5g00000AbCdEAAK\"},"
            + "\"errors\":null}";

    private final HubSpotMessageCodec hubspot = new HubSpotMessageCodec();
    private final OpenCtiCodec openCti = new OpenCtiCodec();
    private final ToHubSpot callCompleted = hubspot.decodeMessage("CALL_COMPLETED", CALL_COMPLETED);
    private final OpenCtiInvocation saveLog = openCti.decodeInvocation(SAVE_LOG);

    @Setup(Level.Trial)
    public void check() {
        // A result read wrongly would make the score meaningless: it must give the id.
        if (!openCtiDecodeSaveLogResult().equals(Optional.of("00T5g00000AbCdEAAK"))) {
            throw new IllegalStateException("saveLog result read as " + openCtiDecodeSaveLogResult());
        }
    }

    @Benchmark
    public FromHubSpot hubspotDecodeDialNumber() {
        return hubspot.decodeEvent("DIAL_NUMBER", DIAL_NUMBER);
    }

    @Benchmark
    public OpenCtiEvent openCtiDecodeClickToDial() {
        return openCti.decodeEvent("onClickToDial", CLICK_TO_DIAL);
    }

    @Benchmark
    public Optional<String> openCtiDecodeSaveLogResult() {
        return openCti.savedRecordId(openCti.decodeResult(SAVE_LOG_RESULT));
    }

    @Benchmark
    public byte[] hubspotEncodeCallCompleted() {
        return hubspot.encode(callCompleted).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] openCtiEncodeSaveLog() {
        return openCti.encodeInvocation(saveLog).getBytes(StandardCharsets.UTF_8);
    }
}
