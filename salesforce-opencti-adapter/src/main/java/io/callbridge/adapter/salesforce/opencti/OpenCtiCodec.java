package io.callbridge.adapter.salesforce.opencti;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON form of the Open CTI model in the bridge protocol.
 * <ul>
 *   <li>invocation: {@code {"method":"screenPop","args":{"type":"sobject","params":{"recordId":"…"}}}} — the
 *       bridge calls {@code sforce.opencti[method](args)} after adding the callback or listener;</li>
 *   <li>listener event: {@code {"event":"onClickToDial","payload":{…}}};</li>
 *   <li>outcome: Salesforce's result {@code {"success":…,"returnValue":…,"errors":…}} or
 *       {@code {"localFailure":{"kind":"TIMEOUT","message":"…"}}}.</li>
 * </ul>
 * Decoding never lets bad input through: it throws {@link OpenCtiMessageException} naming the field. Keys a
 * method does not know are ignored, as the Open CTI library ignores them. Immutable and thread-safe.
 *
 * <p>A facade: invocations are written by the package's invocation encoder and read by its decoder, events, outcomes
 * and the return values the call flow looks into each have their own part.
 */
public final class OpenCtiCodec {

    public OpenCtiCodec() {
        // Stateless: the configuration lives in the package's one mapper.
    }

    /** Every method name an invocation can have, e.g. {@code screenPop}, {@code hvs.completeWork}. */
    public static Set<String> methods() {
        return InvocationDecoder.METHODS.keySet();
    }

    /** Every listener event name, e.g. {@code onClickToDial}, {@code hvs.onWorkStart}. */
    public static Set<String> events() {
        return EventCodec.names();
    }

    // ---- invocations ------------------------------------------------------------------------------------

    public String encodeInvocation(OpenCtiInvocation invocation) {
        return InvocationEncoder.invocation(invocation);
    }

    /** The invocation as a tree: exactly what {@link #encodeInvocation} writes, read back. */
    public ObjectNode invocationTree(OpenCtiInvocation invocation) {
        return (ObjectNode) parse(encodeInvocation(invocation));
    }

    /** Just the {@code args} of an invocation, as JSON text: what a bridge passes to the Open CTI method. */
    public String encodeArgs(OpenCtiInvocation invocation) {
        return InvocationEncoder.args(invocation);
    }

    public OpenCtiInvocation decodeInvocation(String json) {
        return decodeInvocation(parse(json));
    }

    public OpenCtiInvocation decodeInvocation(JsonNode tree) {
        return InvocationDecoder.decode(tree);
    }

    // ---- listener events --------------------------------------------------------------------------------

    public String encodeEvent(OpenCtiEvent event) {
        return EventCodec.encode(event);
    }

    public ObjectNode eventTree(OpenCtiEvent event) {
        return EventCodec.tree(event);
    }

    public OpenCtiEvent decodeEvent(String json) {
        return decodeEvent(parse(json));
    }

    public OpenCtiEvent decodeEvent(JsonNode tree) {
        return EventCodec.decode(tree);
    }

    /**
     * Decodes a listener event as the bridge protocol carries it: the event's name and its payload apart. Field
     * paths in errors are relative to the payload (e.g. {@code number}, {@code attributes.to}); an unknown name is
     * reported at {@code event}.
     */
    public OpenCtiEvent decodeEvent(String name, String payloadJson) {
        return EventCodec.decode(name, payloadJson);
    }

    // ---- outcomes ---------------------------------------------------------------------------------------

    public String encodeOutcome(InvocationOutcome outcome) {
        return OutcomeCodec.encode(outcome);
    }

    public ObjectNode outcomeTree(InvocationOutcome outcome) {
        return OutcomeCodec.tree(outcome);
    }

    public InvocationOutcome decodeOutcome(String json) {
        return decodeOutcome(parse(json));
    }

    public InvocationOutcome decodeOutcome(JsonNode tree) {
        return OutcomeCodec.decode(tree);
    }

    /** Decodes a Salesforce callback result as the bridge received it. */
    public OpenCtiResult decodeResult(String json) {
        return OutcomeCodec.decodeResult(json);
    }

    /**
     * Reads an {@code errors} array on its own, e.g. the details a transport attached to a failed invocation.
     *
     * @throws OpenCtiMessageException if {@code json} is not an array of error objects
     */
    public List<OpenCtiError> decodeErrors(String json) {
        return OutcomeCodec.decodeErrors(json);
    }

    // ---- return values ----------------------------------------------------------------------------------

    /**
     * The id of the record a successful {@code saveLog} created or updated ({@code returnValue.recordId}),
     * empty when the result failed or carries no valid id.
     */
    public Optional<String> savedRecordId(OpenCtiResult result) {
        return ReturnValues.savedRecordId(result);
    }

    /**
     * The settings of {@code getCallCenterSettings}, keyed {@code /section/item}; non-string values are
     * skipped. Empty when the result failed.
     */
    public Map<String, String> callCenterSettings(OpenCtiResult result) {
        return ReturnValues.callCenterSettings(result);
    }

    /**
     * The records a successful {@code searchAndScreenPop} found, in the order Salesforce listed them. The return
     * value maps each record id to its fields ({@code Id}, {@code Name}, {@code RecordType}, ...); the
     * {@code SCREEN_POP_DATA} entry of a deferred search and entries that are not records are skipped.
     */
    public List<SearchMatch> searchMatches(OpenCtiResult result) {
        return ReturnValues.searchMatches(result);
    }

    /**
     * What a successful {@code getAppViewInfo} says about the agent's current page: the same fields as
     * {@code onNavigationChange}. Empty when the result failed or carries no object.
     *
     * @throws OpenCtiMessageException if the return value is not that shape, naming the field
     */
    public Optional<OpenCtiEvent.NavigationChange> appViewInfo(OpenCtiResult result) {
        return ReturnValues.appViewInfo(result);
    }

    // ---- JSON plumbing ----------------------------------------------------------------------------------

    /** Parses with this codec's settings; tests compare trees read the same way. */
    JsonNode parse(String json) {
        return OpenCtiJson.parse(json);
    }

    /** A model JSON value as a tree, for tests that build expected JSON. */
    static JsonNode toNode(@Nullable Object value) {
        return OpenCtiJson.toNode(value);
    }
}
