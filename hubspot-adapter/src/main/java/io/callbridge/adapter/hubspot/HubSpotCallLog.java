package io.callbridge.adapter.hubspot;

import io.callbridge.adapter.hubspot.message.EngagementProperties;
import io.callbridge.core.model.Call;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The HubSpot call log ({@code CALL_COMPLETED}) as a server-side executor sees it, for completing it by HubSpot's REST
 * API when no frame does ({@link io.callbridge.core.bridge.ServerSideExecutor}).
 *
 * <p>The adapter parks the log in core's {@link io.callbridge.core.spi.DeliveryStore} under {@link #key} (crm
 * {@value #CRM}, method {@value #METHOD}, arguments {@code {}}) as soon as it follows a call that concerns HubSpot, and
 * its frame delivery claims, runs and finishes that same key. An executor that claimed the key instead performs the
 * log and writes {@link #doneLinks} (or {@link #failedLinks}) on the call; the adapter then sees the call
 * {@link #settled} and never sends {@code CALL_COMPLETED}, nor any earlier step it had not sent yet.
 *
 * <p>Pure functions of their arguments; thread-safe.
 */
public final class HubSpotCallLog {
    /** The CRM of the parked entries, as in {@code OwedDelivery.crm()}. */
    public static final String CRM = "hubspot";
    /** The method of the parked entries, as in {@code OwedDelivery.method()}: the SDK message. */
    public static final String METHOD = "CALL_COMPLETED";
    /**
     * CRM links the adapter writes on a call it follows from the frames' handshake (READY, or a reconnecting page's
     * hello): the portal (hub id) and the agent's HubSpot owner id, as decimal numbers.
     */
    public static final String PORTAL_ID_LINK = "hubspot.portalId";
    public static final String OWNER_ID_LINK = "hubspot.ownerId";

    // The same CRM links and key prefix as the call lane's steps (CallStep, CallScript, HubSpotAgentBridge).
    private static final String KEY_PREFIX = "hubspot:";
    private static final String KEY_END = ":" + METHOD;
    private static final String STARTED = "hubspot.started";
    private static final String COMPLETED = "hubspot.completed";
    private static final String COMPLETE_FAILED = "hubspot.completeFailed";
    private static final String FINALIZED = "hubspot.finalized";
    private static final String ENGAGEMENT_ID = "hubspot.engagementId";
    private static final String LOGGED_VIA = "hubspot.loggedVia";

    private HubSpotCallLog() {
    }

    /**
     * The idempotency key of the call's log: the delivery store key and the invocation id of its {@code CALL_COMPLETED},
     * {@code hubspot:<call>:CALL_COMPLETED} (a digest of the call id instead when that would make it longer than an
     * invocation id may be).
     */
    public static String key(CallId call) {
        return Invocation.deriveId(KEY_PREFIX, call.value(), METHOD);
    }

    /**
     * The call whose log {@code key} is ({@link #key}'s inverse), or null for any other key (another step's, another
     * CRM's). A key that holds a digest of a call id too long to appear in it gives a call id core does not know.
     */
    public static @Nullable CallId callOf(String key) {
        if (!key.startsWith(KEY_PREFIX) || !key.endsWith(KEY_END)
                || key.length() <= KEY_PREFIX.length() + KEY_END.length()) {
            return null;
        }
        try {
            CallId call = CallId.of(key.substring(KEY_PREFIX.length(), key.length() - KEY_END.length()));
            return key(call).equals(key) ? call : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The call a frame step's entry is about: for a key {@code hubspot:<call>:<method>} of one of the SDK messages the
     * adapter sends about a call ({@code OUTGOING_CALL_STARTED}, {@code CALL_ENDED}, …, {@link #METHOD} too), the call;
     * null for any other entry (an {@code ERROR} shown to the widget, another CRM's) and for a key that holds a digest
     * of a call id too long to appear in it, since that digest names no call core could know. An executor may drop a
     * step's entry whose call core no longer has: no frame can want to tell HubSpot about a call that is gone.
     */
    public static @Nullable CallId callOfStep(String key, String method) {
        String id = CALL_MESSAGES.contains(method) ? Invocation.scopeOf(key, KEY_PREFIX, method) : null;
        try {
            return id == null ? null : CallId.of(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The SDK messages the adapter's call lane sends about one call, each under {@code hubspot:<call>:<message>}. */
    private static final Set<String> CALL_MESSAGES = Set.of("OUTGOING_CALL_STARTED", "INCOMING_CALL",
            "CALL_ANSWERED", "CALL_TRANSFERRED", "CALL_ENDED", METHOD, "FINALIZE_ENGAGEMENT", "PUBLISH_TO_CHANNEL",
            "NAVIGATE_TO_RECORD");

    /** Whether the call's log is behind it: HubSpot got {@code CALL_COMPLETED} (or REST logged it), or it was given up. */
    public static boolean settled(Call call) {
        return call.crmLinks().containsKey(COMPLETED) || call.crmLinks().containsKey(COMPLETE_FAILED);
    }

    /**
     * Whether HubSpot was told of the call (its OUTGOING_CALL_STARTED or INCOMING_CALL reached a frame). A call it was
     * never told of that also never connected (the phone system refused it before it was announced) is one the
     * adapter deliberately keeps out of HubSpot: no record is made for a call that never was.
     */
    public static boolean announced(Call call) {
        return call.crmLinks().containsKey(STARTED);
    }

    /**
     * Whether the call can be logged now: it is wrapped up (the agent's outcome, notes and disposition are final).
     * Says nothing of whether it is still owed ({@link #settled}).
     */
    public static boolean readyToLog(Call call) {
        return call.state() == CallState.WRAPPED_UP;
    }

    /** HubSpot's engagement (the Calls API object id) for the call, from its {@code hubspot.engagementId} link. */
    public static @Nullable Long engagementId(Call call) {
        return id(call, ENGAGEMENT_ID);
    }

    /**
     * The HubSpot portal (hub id) the call was made in, from its {@code hubspot.portalId} link: written by the adapter
     * from the frames' handshake while it follows the call, so null for a call no frame told it about.
     */
    public static @Nullable Long portalId(Call call) {
        return id(call, PORTAL_ID_LINK);
    }

    /** The HubSpot owner of the agent, from the call's {@code hubspot.ownerId} link (written as {@link #portalId}). */
    public static @Nullable Long ownerId(Call call) {
        return id(call, OWNER_ID_LINK);
    }

    /**
     * Exactly the engagement properties the call's {@code CALL_COMPLETED} would carry under {@code settings}: status,
     * direction, numbers, duration, notes, disposition, recording, title, callee and owner ({@link #ownerId}, else the
     * click-to-call's owner).
     */
    public static EngagementProperties properties(Call call, HubSpotSettings settings) {
        // A server-side caller maps dispositions itself (HubSpotRestSettings): no warning for what settings leave out.
        return EngagementLog.properties(call, settings, ownerId(call), false);
    }

    /**
     * The CRM links to write on the call once it was logged without a frame: the marker a frame's completion writes
     * ({@code hubspot.completed} = {@code at}), the final record's ({@code hubspot.finalized} = {@code at}, since a
     * REST update leaves nothing for {@code FINALIZE_ENGAGEMENT} to do), {@code hubspot.engagementId} when given (a
     * record REST created), and {@code hubspot.loggedVia} = {@code rest}.
     */
    public static Map<String, String> doneLinks(Instant at, @Nullable Long engagementId) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put(COMPLETED, at.toString());
        links.put(FINALIZED, at.toString());
        if (engagementId != null) {
            links.put(ENGAGEMENT_ID, Long.toString(engagementId));
        }
        links.put(LOGGED_VIA, "rest");
        return Map.copyOf(links);
    }

    /** The CRM links to write on the call once its log was given up for good: {@code hubspot.completeFailed} = at. */
    public static Map<String, String> failedLinks(Instant at) {
        return Map.of(COMPLETE_FAILED, at.toString());
    }

    /** A positive id from a CRM link, or null when there is none or it is not one. */
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
