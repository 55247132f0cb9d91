package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.ServerSideExecutor.Outcome;
import io.callbridge.core.bridge.ServerSideExecutor.Plan;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator.Association;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator.SimCall;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HubSpotRestExecutorTest {
    private final Rig rig = new Rig();

    @AfterEach
    void stop() {
        rig.close();
    }

    private Outcome run(HubSpotRestExecutor executor, Call call) throws InterruptedException {
        assertThat(executor.plan(Rig.owed(call), call, rig.clock.instant())).isEqualTo(new Plan.Run());
        return executor.execute(Rig.owed(call), call);
    }

    @Nested
    class Planning {
        @Test
        void dropsWhatIsGoneOrSettled() {
            HubSpotRestExecutor executor = rig.executor();
            Call call = rig.wrappedUp(Rig.PORTAL, 42L, null, null);
            Instant now = rig.clock.instant();

            assertThat(executor.plan(Rig.owed(call), null, now)).isInstanceOf(Plan.Drop.class);
            Call logged = Rig.withLinks(call, HubSpotCallLog.doneLinks(now, 42L));
            assertThat(executor.plan(Rig.owed(call), logged, now)).isInstanceOf(Plan.Drop.class);
            Call failed = Rig.withLinks(call, HubSpotCallLog.failedLinks(now));
            assertThat(executor.plan(Rig.owed(call), failed, now)).isInstanceOf(Plan.Drop.class);
        }

        @Test
        void aWidgetStepIsLeftToFramesUntilItsCallIsGoneAndThenDropped() {
            // A widget closed with CALL_ENDED in flight leaves that entry owed to the agent's next frame; once core
            // has forgotten the call no frame can want it, and nothing else would ever take it out of the store.
            HubSpotRestExecutor executor = rig.executor();
            Call call = rig.wrappedUp(Rig.PORTAL, 42L, null, null);
            Instant now = rig.clock.instant();
            OwedDelivery ended = OwedDelivery.of(Invocation.deriveId("hubspot:",
                    call.id().value(), "CALL_ENDED"), call.agent(), HubSpotCallLog.CRM, "CALL_ENDED", "{}");
            assertThat(executor.callOf(ended)).isEqualTo(call.id().value());
            assertThat(executor.plan(ended, call, now))
                    .isEqualTo(new Plan.NotYet(now.plus(HubSpotRestExecutor.FRAME_STEP_RECHECK)));
            assertThat(executor.plan(ended, null, now)).isInstanceOf(Plan.Drop.class);

            OwedDelivery notice = OwedDelivery.of("hubspot:widget-1:ERROR:3", call.agent(), HubSpotCallLog.CRM,
                    "ERROR", "{}");
            assertThat(executor.callOf(notice)).isNull();
            assertThat(executor.plan(notice, null, now)).as("about no call: never REST's to drop")
                    .isEqualTo(new Plan.NotYet(now.plus(HubSpotRestExecutor.FRAME_STEP_RECHECK)));
        }

        @Test
        void waitsForWrapUpAndThenForTheDeadline() {
            HubSpotRestExecutor executor = rig.executor();
            Instant now = rig.clock.instant();
            Call wrapped = rig.wrappedUp(Rig.PORTAL, 42L, null, null);
            Call ended = wrapped.toBuilder().state(CallState.ENDED).outcome(null).wrappedUpAt(null).build();
            assertThat(executor.plan(Rig.owed(ended), ended, now))
                    .isEqualTo(new Plan.NotYet(now.plus(HubSpotRestExecutor.NOT_READY_RECHECK)));

            Call justWrapped = wrapped.toBuilder().wrappedUpAt(now.minusSeconds(60)).build();
            assertThat(executor.plan(Rig.owed(justWrapped), justWrapped, now))
                    .isEqualTo(new Plan.NotYet(now.minusSeconds(60).plus(Duration.ofMinutes(3))));
            assertThat(executor.plan(Rig.owed(wrapped), wrapped, now)).isEqualTo(new Plan.Run());
        }

        @Test
        void aCallNotWrappedUpYetIsLookedAtAgainWithinADeadlineShorterThanTheRecheck() {
            // A 30 s recheck with a 1 s deadline logged the call up to 30 s late (found by HubSpotRestEndToEndIT).
            rig.settings = rig.settings.withDeadline(Duration.ofSeconds(1));
            HubSpotRestExecutor executor = rig.executor();
            Instant now = rig.clock.instant();
            Call wrapped = rig.wrappedUp(Rig.PORTAL, 42L, null, null);
            Call ended = wrapped.toBuilder().state(CallState.ENDED).outcome(null).wrappedUpAt(null).build();
            assertThat(executor.plan(Rig.owed(ended), ended, now)).isEqualTo(new Plan.NotYet(now.plusSeconds(1)));
        }

        @Test
        void aCallThatNeverReachedHubSpotIsDropped() {
            Call call = rig.wrappedUp(null, null, null, null);
            assertThat(rig.executor().plan(Rig.owed(call), call, rig.clock.instant())).isInstanceOf(Plan.Drop.class);
        }

        @Test
        void aCallRefusedBeforeHubSpotHeardOfItIsDroppedButAConnectedOneIsLogged() {
            Call connected = rig.wrappedUp(Rig.PORTAL, null, null, null);
            Call refused = connected.toBuilder().connectedAt(null).endStatus(EndStatus.FAILED).build();
            Instant now = rig.clock.instant();
            assertThat(rig.executor().plan(Rig.owed(refused), refused, now)).isInstanceOf(Plan.Drop.class);
            assertThat(rig.executor().plan(Rig.owed(connected), connected, now)).isEqualTo(new Plan.Run());
            Call announced = Rig.withLinks(refused, Map.of("hubspot.started", now.toString()));
            assertThat(rig.executor().plan(Rig.owed(announced), announced, now)).isEqualTo(new Plan.Run());
        }

        @Test
        void anEngagementWithoutPortalGivesUpWithAClearMessage() throws InterruptedException {
            Call call = rig.wrappedUp(null, 42L, null, null);
            Outcome outcome = run(rig.executor(), call);
            assertThat(outcome).isInstanceOf(Outcome.GaveUp.class);
            assertThat(((Outcome.GaveUp) outcome).message()).contains("portal").contains("unknown");
            assertThat(((Outcome.GaveUp) outcome).links()).isEqualTo(HubSpotCallLog.failedLinks(rig.clock.instant()));
            assertThat(rig.hubspot.requests()).isEmpty();
        }
    }

    @Test
    void tabClosedAfterHangUpIsLoggedByRestExactlyOnce() throws InterruptedException {
        rig.hubspot.record(Rig.PORTAL, "contacts", "501");
        long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
        Call call = rig.wrappedUp(Rig.PORTAL, engagement, Rig.contact("501"), null);
        HubSpotRestExecutor executor = rig.executor();

        Outcome outcome = run(executor, call);

        assertThat(outcome).isEqualTo(new Outcome.Done(HubSpotCallLog.doneLinks(rig.clock.instant(), engagement)));
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);
        SimCall logged = rig.hubspot.call(engagement).orElseThrow();
        assertThat(logged.properties())
                .containsEntry("hs_timestamp", Long.toString(call.createdAt().toEpochMilli()))
                .containsEntry("hs_call_status", "COMPLETED")
                .containsEntry("hs_call_direction", "OUTBOUND")
                .containsEntry("hs_call_duration", Long.toString(Duration.ofSeconds(90).toMillis()))
                .containsEntry("hs_call_from_number", "+14155550100")
                .containsEntry("hs_call_to_number", "+14155550199")
                .containsEntry("hs_call_body", "Talked about the renewal")
                .containsEntry("hs_call_callee_object_id", "501")
                .containsEntry("hs_call_callee_object_type", "CONTACT")
                .containsEntry("hubspot_owner_id", Long.toString(Rig.OWNER))
                .doesNotContainKey("hs_call_external_id");
        assertThat(rig.hubspot.associations(engagement)).containsExactly(
                new Association(engagement, "contacts", "501", 194));
        assertThat(rig.hubspot.counts()).isEqualTo(Map.of("associations", 1L, "calls.update", 1L));

        // The service writes the links; the entry is not run again.
        Call done = Rig.withLinks(call, ((Outcome.Done) outcome).links());
        assertThat(executor.plan(Rig.owed(done), done, rig.clock.instant())).isInstanceOf(Plan.Drop.class);
    }

    @Test
    void aRecordThatIsGoneDoesNotUndoTheLog() throws InterruptedException {
        long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
        Call call = rig.wrappedUp(Rig.PORTAL, engagement, Rig.contact("999"), null);

        Outcome outcome = run(rig.executor(), call);

        assertThat(outcome).isEqualTo(new Outcome.Done(HubSpotCallLog.doneLinks(rig.clock.instant(), engagement)));
        assertThat(rig.hubspot.call(engagement).orElseThrow().properties()).containsKey("hs_call_status");
        assertThat(rig.hubspot.associations(engagement)).isEmpty();
    }

    @Test
    void aCallWithoutEngagementIsCreatedOnceWithItsExternalId() throws InterruptedException {
        rig.hubspot.record(Rig.PORTAL, "contacts", "501");
        Call call = rig.wrappedUp(Rig.PORTAL, null, Rig.contact("501"), null);

        Outcome outcome = run(rig.executor(), call);

        List<SimCall> calls = rig.hubspot.calls(Rig.PORTAL);
        assertThat(calls).hasSize(1);
        long id = calls.get(0).id();
        assertThat(outcome).isEqualTo(new Outcome.Done(HubSpotCallLog.doneLinks(rig.clock.instant(), id)));
        assertThat(calls.get(0).properties()).containsEntry("hs_call_external_id", call.id().value())
                .containsEntry("hs_call_status", "COMPLETED");
        assertThat(rig.hubspot.associations(id)).containsExactly(new Association(id, "contacts", "501", 194));
        assertThat(rig.ledger.get(HubSpotRestExecutor.LEDGER, call.id().value()).orElseThrow().value())
                .contains("\"created\"").contains(Long.toString(id));

        // Asked again (the service crashed before writing the links): the ledger answers, HubSpot is not asked.
        Outcome again = rig.executor().execute(Rig.owed(call), call);
        assertThat(again).isEqualTo(outcome);
        assertThat(rig.hubspot.count("calls.create")).isEqualTo(1);
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);
    }

    @Test
    void aLongCallIdIsKeptInTheLedgerByItsDigest() {
        String longId = "c".repeat(255);
        assertThat(HubSpotRestExecutor.ledgerKey(io.callbridge.core.model.CallId.of(longId)))
                .startsWith("sha256:").hasSize("sha256:".length() + 64);
        assertThat(HubSpotRestExecutor.ledgerKey(io.callbridge.core.model.CallId.of("call-1"))).isEqualTo("call-1");
    }

    @Test
    void anUnclearFailureMakesNoSecondRecord() throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, null);
        rig.hubspot.dropAfterNextWrite();

        Outcome first = run(rig.executor(), call);
        assertThat(first).isInstanceOf(Outcome.Retry.class);
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);

        // Too early to trust the search: wait for it.
        Outcome early = rig.executor().execute(Rig.owed(call), call);
        assertThat(early).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) early).notBefore()).isEqualTo(rig.clock.instant().plus(Duration.ofSeconds(10)));

        rig.clock.advance(Duration.ofSeconds(10));
        Outcome second = rig.executor().execute(Rig.owed(call), call);
        long id = rig.hubspot.calls(Rig.PORTAL).get(0).id();
        assertThat(second).isEqualTo(new Outcome.Done(HubSpotCallLog.doneLinks(rig.clock.instant(), id)));
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);
        assertThat(rig.hubspot.count("calls.create")).isEqualTo(1);
        assertThat(rig.hubspot.count("calls.search")).isEqualTo(1);
    }

    @Test
    void theSearchWaitsOutHubSpotsIndexLag() throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, null);
        rig.hubspot.searchLag(Duration.ofSeconds(8));
        rig.hubspot.dropAfterNextWrite();

        assertThat(run(rig.executor(), call)).isInstanceOf(Outcome.Retry.class);
        rig.clock.advance(Duration.ofSeconds(10));

        assertThat(rig.executor().execute(Rig.owed(call), call)).isInstanceOf(Outcome.Done.class);
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);
    }

    @Test
    void aPortalWithoutTokenIsRetriedLaterWithoutARequest() throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, 42L, null, null);
        rig.tokens.uninstalled(Rig.PORTAL);

        Outcome outcome = run(rig.executor(), call);

        assertThat(outcome).isEqualTo(new Outcome.Retry("no usable HubSpot access token for portal " + Rig.PORTAL
                + ": portal " + Rig.PORTAL + " uninstalled the app", rig.clock.instant().plus(Duration.ofMinutes(5))));
        assertThat(rig.hubspot.requests()).isEmpty();
    }

    @Test
    void aCrashBetweenTheCreateAndTheLedgerWriteMakesNoSecondRecord() throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, null);
        CrmStateStore crashing = spy(rig.ledger);
        AtomicInteger writes = new AtomicInteger();
        doAnswer(invocation -> {
            if (writes.incrementAndGet() == 2) {
                throw new IllegalStateException("the node died before the second ledger write");
            }
            return invocation.callRealMethod();
        }).when(crashing).compareAndSet(eq(HubSpotRestExecutor.LEDGER), anyString(), anyLong(), anyString(), any());

        assertThatThrownBy(() -> run(rig.executor(crashing), call)).hasMessageContaining("node died");
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);

        // A fresh executor (another node, or this one restarted) over the same ledger.
        rig.clock.advance(Duration.ofSeconds(30));
        Outcome after = rig.executor(crashing).execute(Rig.owed(call), call);
        long id = rig.hubspot.calls(Rig.PORTAL).get(0).id();
        assertThat(after).isEqualTo(new Outcome.Done(HubSpotCallLog.doneLinks(rig.clock.instant(), id)));
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);
        assertThat(rig.hubspot.count("calls.create")).isEqualTo(1);
    }

    @Test
    void aRefusedPropertyGivesUpNamingIt() throws InterruptedException {
        // The adapter maps 'sold' to an outcome id this portal does not have.
        rig.adapterSettings = rig.adapterSettings.withDispositions(Map.of("sold", "not-an-outcome-of-this-portal"));
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, "sold");

        Outcome outcome = run(rig.executor(), call);

        assertThat(outcome).isInstanceOf(Outcome.GaveUp.class);
        Outcome.GaveUp gaveUp = (Outcome.GaveUp) outcome;
        assertThat(gaveUp.message()).contains("hs_call_disposition").contains("VALIDATION_ERROR")
                .doesNotContain("+1415").doesNotContain("token");
        assertThat(gaveUp.links()).isEqualTo(HubSpotCallLog.failedLinks(rig.clock.instant()));
        assertThat(rig.hubspot.calls(Rig.PORTAL)).isEmpty();
        assertThat(rig.ledger.get(HubSpotRestExecutor.LEDGER, call.id().value())).isEmpty();
    }

    @Test
    void anEngagementOfAnotherPortalIsNotFoundAndGivenUp() throws InterruptedException {
        long theirs = rig.hubspot.createEngagement(Rig.OTHER_PORTAL, Map.of("hs_timestamp", "1"));
        Call call = rig.wrappedUp(Rig.PORTAL, theirs, null, null);

        Outcome outcome = run(rig.executor(), call);

        assertThat(outcome).isInstanceOf(Outcome.GaveUp.class);
        assertThat(((Outcome.GaveUp) outcome).message()).contains("404").contains("OBJECT_NOT_FOUND");
        assertThat(rig.hubspot.call(theirs).orElseThrow().properties()).containsOnlyKeys("hs_timestamp");
    }

    @Test
    void anExpiredTokenIsRefusedRefreshedAndTheLogSucceeds() throws InterruptedException {
        long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
        rig.tokens.expiredFor(Rig.PORTAL);
        Call call = rig.wrappedUp(Rig.PORTAL, engagement, null, null);

        Outcome outcome = run(rig.executor(), call);

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(rig.tokens.refusals).hasValue(1);
        assertThat(rig.hubspot.requests()).extracting(HubSpotRestSimulator.LoggedRequest::status)
                .containsExactly(401, 200);
    }

    @Test
    void aTenSecondlyLimitWaitsAndThenSucceeds() throws Exception {
        long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
        Call call = rig.wrappedUp(Rig.PORTAL, engagement, null, null);
        // Another app of the portal (or another node) used the whole ten seconds.
        HubSpotClient other = rig.client();
        for (int i = 0; i < HubSpotRestSimulator.TEN_SECONDLY_LIMIT; i++) {
            assertThat(other.send(Rig.PORTAL, "GET", "/calling/v1/dispositions", null))
                    .isInstanceOf(HubSpotClient.Result.Ok.class);
        }

        Outcome limited = run(rig.executor(), call);
        assertThat(limited).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) limited).notBefore()).isEqualTo(rig.clock.instant().plusSeconds(10));
        assertThat(((Outcome.Retry) limited).reason()).contains("TEN_SECONDLY_ROLLING");

        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.executor().execute(Rig.owed(call), call)).isInstanceOf(Outcome.Done.class);
        assertThat(rig.hubspot.call(engagement).orElseThrow().properties()).containsKey("hs_call_status");
    }

    @Test
    void theDailyLimitStopsOnePortalUntilTomorrowAndNotAnother() throws InterruptedException {
        rig.hubspot.dailyBudget(Rig.PORTAL, 0);
        HubSpotRestExecutor executor = rig.executor();
        Call a1 = rig.wrappedUp(Rig.PORTAL, null, null, null);
        Call a2 = rig.wrappedUp(Rig.PORTAL, null, null, null);
        Call b = rig.wrappedUp(Rig.OTHER_PORTAL, null, null, null);
        Instant tomorrow = Instant.parse("2026-12-03T00:00:00Z");

        Outcome limited = run(executor, a1);
        assertThat(limited).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) limited).notBefore()).isEqualTo(tomorrow);
        assertThat(executor.plan(Rig.owed(a2), a2, rig.clock.instant())).isEqualTo(new Plan.NotYet(tomorrow));
        assertThat(executor.execute(Rig.owed(a2), a2)).isEqualTo(new Outcome.Retry(
                "HubSpot's daily API limit of portal " + Rig.PORTAL + " is used up", tomorrow));
        assertThat(rig.notices).hasSize(1);
        assertThat(rig.notices.get(0).code()).isEqualTo(HubSpotRestExecutor.DAILY_LIMIT_NOTICE);
        assertThat(rig.notices.get(0).agent()).isEqualTo(Rig.AGENT);
        assertThat(rig.hubspot.count("calls.create")).isEqualTo(1);

        assertThat(run(executor, b)).isInstanceOf(Outcome.Done.class);
        assertThat(rig.hubspot.calls(Rig.OTHER_PORTAL)).hasSize(1);

        rig.clock.set(tomorrow.plusSeconds(1));
        rig.hubspot.dailyBudget(Rig.PORTAL, 1_000);
        assertThat(run(executor, a1)).isInstanceOf(Outcome.Done.class);
        assertThat(run(executor, a2)).isInstanceOf(Outcome.Done.class);
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(2);
        assertThat(rig.notices).hasSize(1);
    }

    @Test
    void theThrottleKeepsABurstWithinTheTenSecondLimit() throws InterruptedException {
        HubSpotRestExecutor executor = rig.executor();
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            calls.add(rig.wrappedUp(Rig.PORTAL, rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1")),
                    null, null));
        }
        List<Call> held = new ArrayList<>();
        for (Call call : calls) {
            Outcome outcome = run(executor, call);
            if (outcome instanceof Outcome.Retry retry) {
                assertThat(retry.notBefore()).isAfter(rig.clock.instant().plusSeconds(9));
                held.add(call);
            } else {
                assertThat(outcome).isInstanceOf(Outcome.Done.class);
            }
        }
        assertThat(held).hasSize(50);
        rig.clock.advance(Duration.ofSeconds(10).plusMillis(1));
        for (Call call : held) {
            assertThat(run(executor, call)).isInstanceOf(Outcome.Done.class);
        }
        assertThat(rig.hubspot.count("calls.update")).isEqualTo(150);
        assertThat(rig.hubspot.requests()).noneMatch(r -> r.status() == 429);
        assertThat(rig.hubspot.maxInTenSeconds(Rig.PORTAL)).isEqualTo(100);
    }

    @Test
    void serverErrorsAreRetriedWithAGrowingBackoff() throws InterruptedException {
        long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
        Call call = rig.wrappedUp(Rig.PORTAL, engagement, null, null);
        HubSpotRestExecutor executor = rig.executor();
        rig.hubspot.failNext(3, 502);

        Outcome first = run(executor, call);
        assertThat(first).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) first).reason()).startsWith("HubSpot failed: HTTP 502");
        assertThat(((Outcome.Retry) first).notBefore()).isEqualTo(rig.clock.instant().plusSeconds(5));
        assertThat(((Outcome.Retry) executor.execute(Rig.owed(call), call)).notBefore())
                .isEqualTo(rig.clock.instant().plusSeconds(10));
        assertThat(((Outcome.Retry) executor.execute(Rig.owed(call), call)).notBefore())
                .isEqualTo(rig.clock.instant().plusSeconds(20));
        assertThat(executor.execute(Rig.owed(call), call)).isInstanceOf(Outcome.Done.class);

        // Counted again from the start after a success.
        Call next = rig.wrappedUp(Rig.PORTAL, engagement, null, null);
        rig.hubspot.failNext(1, 503);
        assertThat(((Outcome.Retry) executor.execute(Rig.owed(next), next)).notBefore())
                .isEqualTo(rig.clock.instant().plusSeconds(5));
    }

    @Test
    void aRequestThatTimesOutIsRetried() throws InterruptedException {
        long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
        Call call = rig.wrappedUp(Rig.PORTAL, engagement, null, null);
        rig.settings = rig.settings.withRequestTimeout(Duration.ofMillis(200));
        rig.hubspot.delay(Duration.ofSeconds(2));

        Outcome outcome = run(rig.executor(), call);

        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) outcome).reason()).contains("did not answer");
        rig.hubspot.delay(Duration.ZERO);
    }

    @Test
    void dispositionsAreMappedByTheirLabelsReadOncePerPortal() throws InterruptedException {
        String custom = rig.hubspot.addDisposition(Rig.PORTAL, "Demo booked");
        rig.settings = rig.settings.withDispositions(Map.of("ok", "connected", "demo", "Demo booked",
                "gone", "Moved away"));
        HubSpotRestExecutor executor = rig.executor();
        Call connected = rig.wrappedUp(Rig.PORTAL, null, null, "ok");
        Call demo = rig.wrappedUp(Rig.PORTAL, null, null, "demo");
        Call unknown = rig.wrappedUp(Rig.PORTAL, null, null, "gone");

        assertThat(run(executor, connected)).isInstanceOf(Outcome.Done.class);
        assertThat(run(executor, demo)).isInstanceOf(Outcome.Done.class);
        assertThat(run(executor, unknown)).isInstanceOf(Outcome.Done.class);

        List<SimCall> calls = rig.hubspot.calls(Rig.PORTAL);
        assertThat(calls.get(0).properties()).containsEntry("hs_call_disposition",
                "f240bbac-87c9-4f6e-bf70-924b57d47db7");
        assertThat(calls.get(1).properties()).containsEntry("hs_call_disposition", custom);
        assertThat(calls.get(2).properties()).doesNotContainKey("hs_call_disposition");
        assertThat(rig.hubspot.count("dispositions")).isEqualTo(1);
        // The agent whose outcome did not reach HubSpot is told; the others are not.
        assertThat(rig.notices).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo(HubSpotRestExecutor.UNKNOWN_OUTCOME_NOTICE);
            assertThat(n.callId()).isEqualTo(unknown.id());
            assertThat(n.message()).contains("Moved away");
        });
    }

    // ---- recordings ----------------------------------------------------------------------------------------------

    @Test
    void aRecordedCallCarriesItsRecordingAndWhatHubSpotNeedsToFetchItThroughTheApp() throws InterruptedException {
        rig.settings = rig.settings.withRecordingApp(42L).withExternalAccountIds(Map.of(Rig.PORTAL, "acme-eu-1"));
        URI url = URI.create("https://media.pbx.example/rec/call.wav?sig=abc");
        Call created = rig.wrappedUp(Rig.PORTAL, null, null, null).toBuilder().recordingUrl(url).build();
        long engagement = rig.hubspot.createEngagement(Rig.OTHER_PORTAL, Map.of("hs_timestamp", "1"));
        Call updated = rig.wrappedUp(Rig.OTHER_PORTAL, engagement, null, null).toBuilder().recordingUrl(url).build();
        Call unrecorded = rig.wrappedUp(Rig.PORTAL, null, null, null);
        HubSpotRestExecutor executor = rig.executor();

        assertThat(run(executor, created)).isInstanceOf(Outcome.Done.class);
        assertThat(run(executor, updated)).isInstanceOf(Outcome.Done.class);
        assertThat(run(executor, unrecorded)).isInstanceOf(Outcome.Done.class);

        assertThat(rig.hubspot.calls(Rig.PORTAL).get(0).properties())
                .containsEntry("hs_call_recording_url", url.toString())
                .containsEntry("hs_call_source", "INTEGRATIONS_PLATFORM")
                .containsEntry("hs_call_app_id", "42")
                .containsEntry("hs_call_external_account_id", "acme-eu-1")
                .containsEntry("hs_call_external_id", created.id().value());
        // An update too; a portal without an external account id of its own is named by its portal id.
        assertThat(rig.hubspot.call(engagement).orElseThrow().properties())
                .containsEntry("hs_call_recording_url", url.toString())
                .containsEntry("hs_call_source", "INTEGRATIONS_PLATFORM")
                .containsEntry("hs_call_app_id", "42")
                .containsEntry("hs_call_external_account_id", Long.toString(Rig.OTHER_PORTAL))
                .containsEntry("hs_call_external_id", updated.id().value());
        assertThat(rig.hubspot.calls(Rig.PORTAL).get(1).properties()).doesNotContainKeys("hs_call_recording_url",
                "hs_call_source", "hs_call_app_id", "hs_call_external_account_id");
    }

    @Test
    void withoutARecordingAppARecordedCallCarriesItsRecordingForHubSpotsPipelineOnly() throws InterruptedException {
        URI url = URI.create("https://media.pbx.example/rec/call.wav?sig=abc");
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, null).toBuilder().recordingUrl(url).build();

        assertThat(run(rig.executor(), call)).isInstanceOf(Outcome.Done.class);

        assertThat(rig.hubspot.calls(Rig.PORTAL).get(0).properties())
                .containsEntry("hs_call_recording_url", url.toString())
                .containsEntry("hs_call_source", "INTEGRATIONS_PLATFORM")
                .doesNotContainKeys("hs_call_app_id", "hs_call_external_account_id");
    }

    // ---- associations --------------------------------------------------------------------------------------------

    @Test
    void aCompanyADealAndATicketAreAssociatedWithHubSpotsTypeIdsFromCalls() throws InterruptedException {
        rig.hubspot.record(Rig.PORTAL, "companies", "601").record(Rig.PORTAL, "deals", "701")
                .record(Rig.PORTAL, "tickets", "801");
        HubSpotRestExecutor executor = rig.executor();
        Map<CrmRecordRef, Integer> expected = Map.of(
                new CrmRecordRef("hubspot", "COMPANY", "601", "Acme Inc."), 182,
                new CrmRecordRef("hubspot", "DEAL", "701", "Renewal 2027"), 206,
                new CrmRecordRef("hubspot", "TICKET", "801", "Line is down"), 220);
        for (Map.Entry<CrmRecordRef, Integer> e : expected.entrySet()) {
            String type = e.getKey().objectType().equals("COMPANY") ? "companies"
                    : e.getKey().objectType().toLowerCase(java.util.Locale.ROOT) + "s";
            // Updated (PUT of the association)…
            long engagement = rig.hubspot.createEngagement(Rig.PORTAL, Map.of("hs_timestamp", "1"));
            Call update = rig.wrappedUp(Rig.PORTAL, engagement, e.getKey(), null);
            assertThat(run(executor, update)).isInstanceOf(Outcome.Done.class);
            assertThat(rig.hubspot.associations(engagement)).containsExactly(
                    new Association(engagement, type, e.getKey().id(), e.getValue()));
            assertThat(rig.hubspot.requests()).filteredOn(r -> r.endpoint().equals("associations"))
                    .last().satisfies(r -> {
                        assertThat(r.path()).endsWith("/calls/" + engagement + "/associations/" + type + "/"
                                + e.getKey().id());
                        assertThat(r.body()).isEqualTo("[{\"associationCategory\":\"HUBSPOT_DEFINED\","
                                + "\"associationTypeId\":" + e.getValue() + "}]");
                    });
            // …and created (the association in the POST's body).
            Call create = rig.wrappedUp(Rig.PORTAL, null, e.getKey(), null);
            Outcome done = run(executor, create);
            long id = Long.parseLong(((Outcome.Done) done).links().get("hubspot.engagementId"));
            assertThat(rig.hubspot.associations(id)).containsExactly(
                    new Association(id, type, e.getKey().id(), e.getValue()));
            assertThat(rig.hubspot.requests()).filteredOn(r -> r.endpoint().equals("calls.create"))
                    .last().satisfies(r -> assertThat(r.body()).contains("\"associations\":[{\"to\":{\"id\":\""
                            + e.getKey().id() + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\","
                            + "\"associationTypeId\":" + e.getValue() + "}]}]"));
        }
        assertThat(HubSpotRestExecutor.ASSOCIATION_TYPE_IDS).isEqualTo(HubSpotRestSimulator.CALL_ASSOCIATION_TYPES);
    }

    // ---- an unclear create ---------------------------------------------------------------------------------------

    @Test
    void aRequestTimeoutToACreateIsUnclearSoTheCallStaysCreatingAndIsSearchedForBeforeAnotherCreate()
            throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, null);
        rig.hubspot.failNext(1, 408);

        Outcome first = run(rig.executor(), call);
        assertThat(first).isInstanceOf(Outcome.Retry.class);
        // A 408 may come after HubSpot made the call (a proxy that gave up waiting): not a refusal.
        assertThat(rig.ledger.get(HubSpotRestExecutor.LEDGER, call.id().value()).orElseThrow().value())
                .contains("\"creating\"");

        rig.clock.advance(rig.settings.searchSettle());
        assertThat(rig.executor().execute(Rig.owed(call), call)).isInstanceOf(Outcome.Done.class);
        assertThat(rig.hubspot.count("calls.search")).isEqualTo(1);
        assertThat(rig.hubspot.calls(Rig.PORTAL)).hasSize(1);
    }

    // ---- the daily limit -----------------------------------------------------------------------------------------

    @Test
    void everyAgentWaitingOnAPausedPortalIsToldOncePerPauseAndAgainInALaterOne() throws InterruptedException {
        AgentId bob = AgentId.of("acme", "bob");
        AgentId carol = AgentId.of("acme", "carol");
        rig.hubspot.dailyBudget(Rig.PORTAL, 0);
        HubSpotRestExecutor executor = rig.executor();
        Call alice1 = rig.wrappedUp(Rig.PORTAL, null, null, null);
        Call alice2 = rig.wrappedUp(Rig.PORTAL, null, null, null);
        Call bob1 = rig.wrappedUp(bob, Rig.PORTAL, null, null, null);
        Call carol1 = rig.wrappedUp(carol, Rig.OTHER_PORTAL, null, null, null);
        Instant tomorrow = Instant.parse("2026-12-03T00:00:00Z");

        // Alice's request meets the limit; Bob's waiting call is not sent, yet Bob is told; Alice is not told twice.
        assertThat(run(executor, alice1)).isEqualTo(new Outcome.Retry(
                "HubSpot's daily API limit of portal " + Rig.PORTAL + " is used up", tomorrow));
        assertThat(sweep(executor, List.of(alice2, bob1, carol1))).isEqualTo(Map.of(
                alice2.id().value(), "NotYet", bob1.id().value(), "Retry", carol1.id().value(), "Done"));
        assertThat(sweep(executor, List.of(alice1, alice2, bob1))).allSatisfy((id, what) ->
                assertThat(what).isEqualTo("NotYet"));
        assertThat(rig.notices).extracting(n -> n.agent()).containsExactly(Rig.AGENT, bob);
        assertThat(rig.notices).allSatisfy(n -> assertThat(n.code()).isEqualTo(HubSpotRestExecutor.DAILY_LIMIT_NOTICE));
        assertThat(rig.hubspot.count("calls.create")).isEqualTo(2); // alice1's refused, carol1's made

        // The next day the limit is met again: a new pause, and both are told again.
        rig.clock.set(tomorrow.plusSeconds(1));
        Instant dayAfter = tomorrow.plus(Duration.ofDays(1));
        assertThat(run(executor, alice1)).isEqualTo(new Outcome.Retry(
                "HubSpot's daily API limit of portal " + Rig.PORTAL + " is used up", dayAfter));
        sweep(executor, List.of(alice2, bob1));
        sweep(executor, List.of(alice2, bob1));
        assertThat(rig.notices).extracting(n -> n.agent()).containsExactly(Rig.AGENT, bob, Rig.AGENT, bob);

        // Once the portal has budget again, every waiting call is logged.
        rig.clock.set(dayAfter.plusSeconds(1));
        rig.hubspot.dailyBudget(Rig.PORTAL, 1_000);
        for (Call c : List.of(alice1, alice2, bob1)) {
            assertThat(run(executor, c)).isInstanceOf(Outcome.Done.class);
        }
        assertThat(rig.notices).hasSize(4);
    }

    /** One sweep of core's service over {@code calls}: plan each, execute what it says to run; what each came to. */
    private Map<String, String> sweep(HubSpotRestExecutor executor, List<Call> calls) throws InterruptedException {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        for (Call c : calls) {
            Plan plan = executor.plan(Rig.owed(c), c, rig.clock.instant());
            result.put(c.id().value(), plan instanceof Plan.Run
                    ? executor.execute(Rig.owed(c), c).getClass().getSimpleName() : plan.getClass().getSimpleName());
        }
        return result;
    }
}
