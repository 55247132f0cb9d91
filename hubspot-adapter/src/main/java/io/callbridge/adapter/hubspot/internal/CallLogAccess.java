package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.EngagementProperties;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code io.callbridge.adapter.hubspot.HubSpotCallLog} answers, here because it reads the lane's package-private
 * script and steps. Public only for that class; not API (use {@code HubSpotCallLog}).
 */
public final class CallLogAccess {
    /** The method of the owed log, as the frame's delivery records it. */
    public static final String METHOD = "CALL_COMPLETED";
    /** CRM links the lane writes from the frames' handshake, for a log completed without a frame. */
    public static final String PORTAL_ID = "hubspot.portalId";
    public static final String OWNER_ID = "hubspot.ownerId";
    /** CRM link saying who logged the call when it was not a frame. */
    public static final String LOGGED_VIA = "hubspot.loggedVia";

    private static final String KEY_END = ":" + METHOD;

    private CallLogAccess() {
    }

    public static String key(CallId call) {
        return Invocation.deriveId(HubSpotAgentBridge.ID_PREFIX, call.value(), METHOD);
    }

    public static @Nullable CallId callOf(String key) {
        if (!key.startsWith(HubSpotAgentBridge.ID_PREFIX) || !key.endsWith(KEY_END)
                || key.length() <= HubSpotAgentBridge.ID_PREFIX.length() + KEY_END.length()) {
            return null;
        }
        String scope = key.substring(HubSpotAgentBridge.ID_PREFIX.length(), key.length() - KEY_END.length());
        try {
            CallId call = CallId.of(scope);
            return key(call).equals(key) ? call : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean settled(Call call) {
        return call.crmLinks().containsKey(CallStep.COMPLETED.marker())
                || call.crmLinks().containsKey(CallStep.COMPLETED.failureMarker());
    }

    public static boolean readyToLog(Call call) {
        return call.state() == CallState.WRAPPED_UP;
    }

    public static @Nullable Long engagementId(Call call) {
        return CallScript.engagementId(call);
    }

    public static @Nullable Long portalId(Call call) {
        return id(call, PORTAL_ID);
    }

    public static @Nullable Long ownerId(Call call) {
        return id(call, OWNER_ID);
    }

    public static EngagementProperties properties(Call call, HubSpotSettings settings) {
        return HubSpotCallMessages.properties(call, new CallScript.Context(settings, ownerId(call), null, null));
    }

    public static Map<String, String> doneLinks(Instant at, @Nullable Long engagementId) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put(CallStep.COMPLETED.marker(), at.toString());
        links.put(CallStep.FINALIZED.marker(), at.toString());
        if (engagementId != null) {
            links.put(CallScript.ENGAGEMENT_ID, Long.toString(engagementId));
        }
        links.put(LOGGED_VIA, "rest");
        return Map.copyOf(links);
    }

    public static Map<String, String> failedLinks(Instant at) {
        return Map.of(CallStep.COMPLETED.failureMarker(), at.toString());
    }

    private static @Nullable Long id(Call call, String link) {
        String value = call.crmLinks().get(link);
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
