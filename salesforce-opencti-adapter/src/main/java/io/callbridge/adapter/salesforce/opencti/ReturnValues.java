package io.callbridge.adapter.salesforce.opencti;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the call flow reads out of a successful result's {@code returnValue}, whose shape depends on the method: the
 * saved record's id, the call-center settings, the records a search found. Each reads the plain-Java value the result
 * already holds, never the JSON again. Stateless.
 */
final class ReturnValues {

    private ReturnValues() {
    }

    static Optional<String> savedRecordId(OpenCtiResult result) {
        return returnValue(result).get("recordId") instanceof String id && SalesforceIds.isValid(id)
                ? Optional.of(id) : Optional.empty();
    }

    static Map<String, String> callCenterSettings(OpenCtiResult result) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, @Nullable Object> e : returnValue(result).entrySet()) {
            if (e.getValue() instanceof String value) {
                settings.put(e.getKey(), value);
            }
        }
        return Collections.unmodifiableMap(settings);
    }

    static List<SearchMatch> searchMatches(OpenCtiResult result) {
        List<SearchMatch> matches = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> e : returnValue(result).entrySet()) {
            if (!SalesforceIds.isValid(e.getKey()) || !(e.getValue() instanceof Map<?, ?> fields)) {
                continue;
            }
            String type = fields.get("RecordType") instanceof String t ? t
                    : fields.get("object") instanceof String o ? o : null;
            String contact = fields.get("PersonContactId") instanceof String c && SalesforceIds.isValid(c) ? c : null;
            matches.add(new SearchMatch(e.getKey(), fields.get("Name") instanceof String name ? name : null, type,
                    Boolean.TRUE.equals(fields.get("IsPersonAccount")), contact));
        }
        return List.copyOf(matches);
    }

    /**
     * getAppViewInfo's return value: the fields of a navigation. Empty when the result failed or has no object.
     *
     * @throws OpenCtiMessageException naming the field ({@code returnValue.recordId}, ...) if it is not that shape
     */
    static Optional<OpenCtiEvent.NavigationChange> appViewInfo(OpenCtiResult result) {
        if (!result.success() || !(result.returnValue() instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Fields view = Fields.root(OpenCtiJson.toNode(result.returnValue()), "returnValue");
        return Optional.of(view.build(() -> EventCodec.navigation(view)));
    }

    /** The return value when it is an object of a successful result, else an empty map. */
    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> returnValue(OpenCtiResult result) {
        return result.success() && result.returnValue() instanceof Map<?, ?> map
                ? (Map<String, @Nullable Object>) map : Map.of();
    }
}
