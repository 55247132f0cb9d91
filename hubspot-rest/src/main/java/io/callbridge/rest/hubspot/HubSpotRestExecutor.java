package io.callbridge.rest.hubspot;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.message.EngagementProperties;
import io.callbridge.adapter.hubspot.message.WireValue;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.Versioned;
import io.callbridge.rest.hubspot.Wire.AssociationInput;
import io.callbridge.rest.hubspot.Wire.AssociationSpec;
import io.callbridge.rest.hubspot.Wire.CallInput;
import io.callbridge.rest.hubspot.Wire.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a HubSpot call that no frame logged in time through HubSpot's REST API: updates the SDK's engagement (the Calls
 * API object of the same id) or, without one, creates the call with {@code hs_call_external_id} = the call's id, and
 * adds the association the SDK would have made.
 *
 * <p>Exactly once: core's service claims the entry before {@link #execute}; a create is guarded by the ledger in
 * {@link CrmStateStore} (namespace {@value #LEDGER}, key = the call id), written {@code creating} before the request
 * and {@code created} with HubSpot's id after it. A retry that finds {@code creating} (no answer, or a crash before the
 * second write) first searches for the call by {@code hs_call_external_id} and uses what it finds. An update and an
 * association are idempotent and simply repeated.
 */
final class HubSpotRestExecutor implements ServerSideExecutor {
    static final String LEDGER = "hubspot.ledger";
    static final String DAILY_LIMIT_NOTICE = "hubspot.rest.dailyLimit";
    static final Duration NOT_READY_RECHECK = Duration.ofSeconds(30);
    /** How often a widget's own step (not a log) is looked at again, for whether its call is gone. */
    static final Duration FRAME_STEP_RECHECK = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotRestExecutor.class);
    private static final String CALLS = "/crm/objects/2026-03/calls";
    /** The notice an agent gets when the outcome they chose has no call outcome in the portal. */
    static final String UNKNOWN_OUTCOME_NOTICE = "hubspot.rest.unknownOutcome";
    private static final String DISPOSITIONS = "/calling/v1/dispositions";

    /** Core's record type → HubSpot's object type in paths and the association type id from a call to it. */
    private static final Map<String, String> OBJECT_TYPES = Map.of("CONTACT", "contacts", "COMPANY", "companies",
            "DEAL", "deals", "TICKET", "tickets");
    static final Map<String, Integer> ASSOCIATION_TYPE_IDS = Map.of("contacts", 194, "companies", 182,
            "deals", 206, "tickets", 220);

    private final HubSpotClient client;
    private final CrmStateStore ledger;
    private final HubSpotRestSettings settings;
    private final HubSpotSettings adapterSettings;
    private final Clock clock;
    private final Consumer<NotifyAgent> notices;
    /**
     * Portals whose daily limit is used up, in this node's memory: another node learns it from its own first 429, and
     * a restarted node from its next request.
     */
    private final Map<Long, Pause> pauses = new ConcurrentHashMap<>();
    private final Map<Long, List<Wire.Disposition>> dispositions = new ConcurrentHashMap<>();
    /**
     * Failed attempts per key since its last success, for the backoff: core's service lets a Retry's claim go without
     * counting an attempt, so {@code OwedDelivery.attempts()} alone would not grow.
     */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    HubSpotRestExecutor(HubSpotClient client, CrmStateStore ledger, HubSpotRestSettings settings,
            HubSpotSettings adapterSettings, Clock clock, Consumer<NotifyAgent> notices) {
        this.client = Objects.requireNonNull(client, "client");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.recordingAppId() == null && !settings.externalAccountIds().isEmpty()) {
            // They are written only on the calls of a recording app, so they would go nowhere.
            throw new IllegalArgumentException("HubSpotRestSettings.externalAccountIds are written only on the calls"
                    + " of a recording app, and there is none: set HubSpotRestSettings.recordingAppId"
                    + " (withRecordingApp) or install HubSpotRecordingModules.recordings(...)");
        }
        this.adapterSettings = Objects.requireNonNull(adapterSettings, "adapterSettings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    @Override
    public String crm() {
        return HubSpotCallLog.CRM;
    }

    @Override
    public @Nullable String callOf(OwedDelivery owed) {
        CallId id = HubSpotCallLog.METHOD.equals(owed.method()) ? HubSpotCallLog.callOf(owed.key())
                : HubSpotCallLog.callOfStep(owed.key(), owed.method());
        return id == null ? null : id.value();
    }

    @Override
    public Plan plan(OwedDelivery owed, @Nullable Call call, Instant now) {
        if (!HubSpotCallLog.METHOD.equals(owed.method())) {
            // Not a call log: the widget's own step, nothing this executor can run. Left to the agent's next frame,
            // unless it is about a call core has forgotten (callRetention after its wrap-up): then no frame can
            // want it, and left alone it would stay in the store for good (a widget closed with a step in flight).
            if (call == null && HubSpotCallLog.callOfStep(owed.key(), owed.method()) != null) {
                return new Plan.Drop("the call is gone: the widget's " + owed.method() + " has nothing left to tell");
            }
            return new Plan.NotYet(now.plus(FRAME_STEP_RECHECK));
        }
        if (call == null) {
            return new Plan.Drop("the call is gone");
        }
        if (HubSpotCallLog.settled(call)) {
            return new Plan.Drop("the call was logged to HubSpot already (or failed for good)");
        }
        if (!HubSpotCallLog.readyToLog(call)) {
            // Looked at again no later than one deadline from now: the call may be wrapped up any moment, and a
            // recheck longer than the deadline would log it late by up to the recheck.
            return new Plan.NotYet(now.plus(min(NOT_READY_RECHECK, settings.deadline())));
        }
        Instant wrapped = call.wrappedUpAt() != null ? call.wrappedUpAt() : now;
        Instant due = wrapped.plus(settings.deadline());
        if (due.isAfter(now)) {
            return new Plan.NotYet(due);
        }
        Long portal = HubSpotCallLog.portalId(call);
        if (portal == null && HubSpotCallLog.engagementId(call) == null) {
            // No frame ever completed HubSpot's handshake for it: HubSpot never heard of the call, and without a
            // portal there is nowhere to log it.
            return new Plan.Drop("the call never reached HubSpot (no portal, no engagement)");
        }
        if (!HubSpotCallLog.announced(call) && !call.wasConnected()) {
            // As the adapter does: a call refused before HubSpot heard of it gets no record in HubSpot.
            return new Plan.Drop("HubSpot was never told of the call and it never connected");
        }
        if (portal != null) {
            Pause pause = pause(portal, now);
            if (pause != null && pause.told.contains(call.agent())) {
                return new Plan.NotYet(pause.until);
            }
            // A waiting call whose agent has not heard of this pause yet: execute tells them, without a request.
        }
        return new Plan.Run();
    }

    /** A portal's queue stopped by its daily limit until {@code until}, and the agents told of it so far. */
    private record Pause(Instant until, Set<AgentId> told) {
        static Pause until(Instant until) {
            return new Pause(until, ConcurrentHashMap.newKeySet());
        }
    }

    /** The portal's pause if it still holds at {@code now}; one that is over is forgotten. */
    private @Nullable Pause pause(long portal, Instant now) {
        Pause pause = pauses.get(portal);
        if (pause == null) {
            return null;
        }
        if (!pause.until.isAfter(now)) {
            pauses.remove(portal, pause);
            return null;
        }
        return pause;
    }

    /** Tells the agent once per pause that the portal's daily limit holds their call logs back. */
    private Outcome.Retry paused(Pause pause, long portal, Call call) {
        if (pause.told.add(call.agent())) {
            notices.accept(new NotifyAgent(call.agent(), DAILY_LIMIT_NOTICE, "HubSpot's daily API limit is used up: "
                    + "calls the HubSpot tab did not log are logged tomorrow.", call.id()));
        }
        return new Outcome.Retry("HubSpot's daily API limit of portal " + portal + " is used up", pause.until);
    }

    @Override
    public Outcome execute(OwedDelivery owed, Call call) throws InterruptedException {
        Instant now = clock.instant();
        Long portal = HubSpotCallLog.portalId(call);
        if (portal == null) {
            return new Outcome.GaveUp("The call could not be logged to HubSpot: its HubSpot account (portal) is "
                    + "unknown, since no HubSpot frame named it.", HubSpotCallLog.failedLinks(now));
        }
        Pause pause = pause(portal, now);
        if (pause != null) {
            return paused(pause, portal, call);
        }
        try {
            Outcome outcome = run(owed, call, portal, now);
            failures.remove(owed.key());
            return outcome;
        } catch (HubSpotAuthException e) {
            return new Outcome.Retry("no usable HubSpot access token for portal " + portal + ": " + e.getMessage(),
                    now.plus(settings.maxRetryBackoff()));
        } catch (WireException e) {
            LOG.warn("HubSpot portal {}: unexpected answer for call {}: {}", portal, call.id(), e.getMessage());
            return new Outcome.Retry("HubSpot answered with an unexpected body (" + e.getMessage() + ")",
                    backoff(owed, now));
        } catch (Stop stop) {
            if (!(stop.outcome instanceof Outcome.Retry)) {
                failures.remove(owed.key());
            }
            return stop.outcome;
        }
    }

    /** Ends a run early with its outcome (a refusal, a throttle, a pause). */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Outcome outcome;

        Stop(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private Outcome run(OwedDelivery owed, Call call, long portal, Instant now)
            throws HubSpotAuthException, InterruptedException, Stop {
        Long engagement = HubSpotCallLog.engagementId(call);
        Association association = association(call);
        if (engagement != null) {
            Map<String, String> props = properties(call, portal, owed, now);
            ok(owed, call, portal, now, client.send(portal, "PATCH", CALLS + "/" + engagement,
                    Wire.encode(new CallInput(props, List.of()))));
            if (association != null) {
                HubSpotClient.Result associated = client.send(portal, "PUT", CALLS + "/" + engagement
                        + "/associations/" + association.objectType + "/" + association.id,
                        Wire.encode(List.of(AssociationSpec.hubSpotDefined(association.typeId))));
                if (associated instanceof HubSpotClient.Result.Refused r && r.error().httpStatus() >= 400
                        && r.error().httpStatus() < 500 && r.error().httpStatus() != 429
                        && r.error().httpStatus() != 401) {
                    // The log itself is in HubSpot; a record that is gone (or was merged) does not undo it.
                    LOG.warn("HubSpot portal {} refused to associate call {} with {} {}: {}; the call is logged "
                            + "without it", portal, call.id(), association.objectType, association.id,
                            r.error().summary());
                } else {
                    ok(owed, call, portal, now, associated);
                }
            }
            return new Outcome.Done(HubSpotCallLog.doneLinks(now, engagement));
        }
        return createOnce(owed, call, portal, now, association);
    }

    private Outcome createOnce(OwedDelivery owed, Call call, long portal, Instant now,
            @Nullable Association association) throws HubSpotAuthException, InterruptedException, Stop {
        String externalId = call.id().value();
        String key = ledgerKey(call.id());
        Optional<Versioned<String>> held = ledger.get(LEDGER, key);
        long version = 0;
        if (held.isPresent()) {
            LedgerEntry entry = Wire.ledgerEntry(held.get().value());
            version = held.get().version();
            if (entry.state() == LedgerEntry.State.CREATED) {
                return new Outcome.Done(HubSpotCallLog.doneLinks(now, entry.hubspotId()));
            }
            Instant searchable = entry.since().plus(settings.searchSettle());
            if (searchable.isAfter(now)) {
                return new Outcome.Retry("waiting for HubSpot's search to show a call that may have been created",
                        searchable);
            }
            Long found = search(owed, call, portal, now, externalId);
            if (found != null) {
                LOG.info("HubSpot portal {}: call {} was created before (found by hs_call_external_id)", portal,
                        call.id());
                recordCreated(key, version, now, found);
                return new Outcome.Done(HubSpotCallLog.doneLinks(now, found));
            }
        }
        Map<String, String> props = properties(call, portal, owed, now);
        Optional<Long> creating = ledger.compareAndSet(LEDGER, key, version, Wire.encode(LedgerEntry.creating(now)),
                settings.ledgerTtl());
        if (creating.isEmpty()) {
            return new Outcome.Retry("the ledger entry of the call changed meanwhile", now.plusSeconds(1));
        }
        Map<String, String> withId = new LinkedHashMap<>(props);
        withId.put("hs_call_external_id", externalId);
        List<AssociationInput> associations = association == null ? List.of()
                : List.of(new AssociationInput(association.id,
                        List.of(AssociationSpec.hubSpotDefined(association.typeId))));
        HubSpotClient.Result result = client.send(portal, "POST", CALLS,
                Wire.encode(new CallInput(withId, associations)));
        if (refusedOutright(result) || result instanceof HubSpotClient.Result.Throttled) {
            // Nothing was created (a 4xx is a refusal, a throttled request was never sent): the next attempt, if
            // any, need not search first.
            ledger.remove(LEDGER, key, creating.get());
        }
        String body = ok(owed, call, portal, now, result);
        long id = Wire.callObject(body).id();
        recordCreated(key, creating.get(), now, id);
        return new Outcome.Done(HubSpotCallLog.doneLinks(now, id));
    }

    /**
     * Whether HubSpot refused the request without performing it: a 4xx, except a 408, which a proxy or HubSpot's edge
     * answers when it gave up waiting, possibly after the call was made (unclear, like no answer at all).
     */
    private static boolean refusedOutright(HubSpotClient.Result result) {
        return result instanceof HubSpotClient.Result.Refused r && r.error().httpStatus() >= 400
                && r.error().httpStatus() < 500 && r.error().httpStatus() != 408;
    }

    /**
     * The call's key in the ledger: its id, or for an id longer than the store's 200-character keys a digest of it
     * ({@code sha256:} and 64 hex digits; call ids are at most 255 characters).
     */
    static String ledgerKey(CallId call) {
        String id = call.value();
        if (id.length() <= 200) {
            return id;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void recordCreated(String key, long version, Instant now, long id) {
        if (ledger.compareAndSet(LEDGER, key, version, Wire.encode(LedgerEntry.created(now, id)),
                settings.ledgerTtl()).isEmpty()) {
            LOG.warn("the HubSpot ledger entry of call {} changed while it was created as {}", key, id);
        }
    }

    private @Nullable Long search(OwedDelivery owed, Call call, long portal, Instant now, String key)
            throws HubSpotAuthException, InterruptedException, Stop {
        String body = ok(owed, call, portal, now, client.send(portal, "POST", CALLS + "/search",
                Wire.encode(new Wire.SearchRequest("hs_call_external_id", key, List.of("hs_call_external_id"), 2))));
        Wire.SearchResult result = Wire.searchResult(body);
        if (result.results().size() > 1) {
            LOG.warn("HubSpot portal {}: {} calls carry hs_call_external_id of call {}; using the first", portal,
                    result.total(), call.id());
        }
        return result.results().isEmpty() ? null : result.results().get(0).id();
    }

    /** The body of a 2xx, or a {@link Stop} with what the failure means. */
    private String ok(OwedDelivery owed, Call call, long portal, Instant now, HubSpotClient.Result result)
            throws Stop {
        if (result instanceof HubSpotClient.Result.Ok ok) {
            return ok.body();
        }
        throw new Stop(outcomeOf(owed, call, portal, now, result));
    }

    private Outcome outcomeOf(OwedDelivery owed, Call call, long portal, Instant now, HubSpotClient.Result result) {
        if (result instanceof HubSpotClient.Result.Throttled t) {
            return new Outcome.Retry("this node's request budget for HubSpot portal " + portal + " is used up", t.at());
        }
        if (result instanceof HubSpotClient.Result.Unclear u) {
            return new Outcome.Retry("HubSpot did not answer (" + u.reason() + ")", backoff(owed, now));
        }
        HubSpotApiError error = ((HubSpotClient.Result.Refused) result).error();
        Duration retryAfter = ((HubSpotClient.Result.Refused) result).retryAfter();
        int status = error.httpStatus();
        if (status == 429 && "DAILY".equals(error.policyName())) {
            return dailyLimit(call, portal, now);
        }
        if (status == 429) {
            Duration wait = retryAfter != null ? retryAfter : PortalThrottle.WINDOW;
            return new Outcome.Retry("HubSpot's rate limit (" + error.policyName() + ") for portal " + portal,
                    now.plus(wait));
        }
        if (status == 401) {
            return new Outcome.Retry("HubSpot refused the fresh access token too: " + error.summary(),
                    now.plus(settings.maxRetryBackoff()));
        }
        if (status >= 500 || status == 408) {
            return new Outcome.Retry("HubSpot failed: " + error.summary(), backoff(owed, now));
        }
        LOG.warn("HubSpot portal {} refused the log of call {}: {}", portal, call.id(), error.summary());
        String properties = error.propertyNames().isEmpty() ? ""
                : " (property " + String.join(", ", error.propertyNames()) + ")";
        return new Outcome.GaveUp("HubSpot refused the call log" + properties + ": " + error.summary(),
                HubSpotCallLog.failedLinks(now));
    }

    private Outcome dailyLimit(Call call, long portal, Instant now) {
        Instant until = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        // Requests under way when the limit was met each bring a 429: they share one pause (and one WARN).
        boolean[] fresh = {false};
        Pause pause = pauses.compute(portal, (p, held) -> {
            if (held != null && held.until.equals(until)) {
                return held;
            }
            fresh[0] = true;
            return Pause.until(until);
        });
        if (fresh[0]) {
            LOG.warn("HubSpot portal {} has used up its daily API limit; its call logs wait until {}", portal, until);
        }
        return paused(pause, portal, call);
    }

    private Instant backoff(OwedDelivery owed, Instant now) {
        int failed = failures.merge(owed.key(), 1, Integer::sum) - 1;
        long factor = 1L << Math.min(20, Math.max(failed, owed.attempts()));
        Duration wait = settings.retryBackoff().multipliedBy(factor);
        if (wait.compareTo(settings.maxRetryBackoff()) > 0) {
            wait = settings.maxRetryBackoff();
        }
        return now.plus(wait);
    }

    // ---- properties ----------------------------------------------------------------------------------------------

    private Map<String, String> properties(Call call, long portal, OwedDelivery owed, Instant now)
            throws HubSpotAuthException, InterruptedException, Stop {
        EngagementProperties p = HubSpotCallLog.properties(call, adapterSettings);
        Map<String, String> props = properties(p);
        if (p.recordingUrl() != null) {
            recording(props, call, portal);
        }
        String code = call.outcome() == null ? null : call.outcome().disposition();
        String wanted = code == null ? null : settings.dispositions().get(code);
        if (wanted != null) {
            String guid = resolve(wanted, portal, owed, call, now);
            if (guid == null) {
                LOG.warn("HubSpot portal {} has no call outcome '{}' (mapped from disposition '{}' in "
                        + "HubSpotRestSettings.dispositions); the call is logged without an outcome", portal, wanted,
                        code);
                props.remove("hs_call_disposition");
                // The agent chose an outcome that did not reach HubSpot: they must hear of it, not only the log.
                notices.accept(new NotifyAgent(call.agent(), UNKNOWN_OUTCOME_NOTICE, "The call was logged in HubSpot "
                        + "without its outcome: the HubSpot account has no call outcome '" + wanted + "'", call.id()));
            } else {
                props.put("hs_call_disposition", guid);
            }
        }
        return props;
    }

    /**
     * What HubSpot needs, besides {@code hs_call_recording_url} and {@code hs_call_source} (both from the adapter's
     * properties, as a frame sends them), to fetch the recording through the app's recording endpoint: the app, the
     * call's external id, which the endpoint is asked for, and the account.
     */
    private void recording(Map<String, String> props, Call call, long portal) {
        Long app = settings.recordingAppId();
        if (app != null) {
            props.put("hs_call_app_id", Long.toString(app));
            props.put("hs_call_external_id", call.id().value());
            props.put("hs_call_external_account_id", settings.externalAccountId(portal));
        }
    }

    /** Maps the adapter's properties to HubSpot's property names and string values; null ones are left out. */
    static Map<String, String> properties(EngagementProperties p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hs_timestamp", Long.toString(p.timestamp().toEpochMilli()));
        put(m, "hs_call_body", p.body());
        put(m, "hs_call_callee_object_id", p.calleeObjectId());
        put(m, "hs_call_callee_object_type", p.calleeObjectType());
        put(m, "hs_call_direction", p.direction());
        put(m, "hs_call_disposition", p.disposition());
        put(m, "hs_call_duration", p.duration() == null ? null : p.duration().toMillis());
        put(m, "hs_call_from_number", p.fromNumber());
        put(m, "hs_call_recording_url", p.recordingUrl());
        put(m, "hs_call_status", p.status());
        put(m, "hs_call_title", p.title());
        put(m, "hs_call_source", p.source());
        put(m, "hs_call_to_number", p.toNumber());
        put(m, "hubspot_owner_id", p.hubspotOwnerId());
        put(m, "hs_activity_type", p.activityType());
        put(m, "hs_attachment_ids", p.attachmentIds() == null ? null : String.join(";", p.attachmentIds()));
        return m;
    }

    private static void put(Map<String, String> m, String name, @Nullable Object value) {
        if (value != null) {
            m.put(name, value instanceof WireValue w ? w.wireValue() : value.toString());
        }
    }

    /** The GUID of the portal's outcome named {@code wanted} (a GUID or a label), or null if it has none. */
    private @Nullable String resolve(String wanted, long portal, OwedDelivery owed, Call call, Instant now)
            throws HubSpotAuthException, InterruptedException, Stop {
        List<Wire.Disposition> known = dispositions.get(portal);
        if (known == null) {
            known = Wire.dispositions(ok(owed, call, portal, now, client.send(portal, "GET", DISPOSITIONS, null)));
            dispositions.put(portal, known);
        }
        for (Wire.Disposition d : known) {
            if (d.id().equalsIgnoreCase(wanted)) {
                return d.id();
            }
        }
        for (Wire.Disposition d : known) {
            if (d.label().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return d.id();
            }
        }
        return null;
    }

    // ---- associations --------------------------------------------------------------------------------------------

    private record Association(String objectType, String id, int typeId) { }

    /** The association the SDK makes: the call's HubSpot record (contact, company, deal or ticket), if any. */
    private static @Nullable Association association(Call call) {
        CrmRecordRef record = call.record();
        if (record == null || !HubSpotCallLog.CRM.equals(record.crm())) {
            return null;
        }
        String type = OBJECT_TYPES.get(record.objectType().toUpperCase(Locale.ROOT));
        if (type == null) {
            return null;
        }
        try {
            if (Long.parseLong(record.id()) <= 0) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new Association(type, record.id(), ASSOCIATION_TYPE_IDS.get(type));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
