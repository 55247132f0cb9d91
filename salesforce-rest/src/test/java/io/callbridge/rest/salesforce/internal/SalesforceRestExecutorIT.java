package io.callbridge.rest.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.core.bridge.ServerSideExecutor.Outcome;
import io.callbridge.core.bridge.ServerSideExecutor.Plan;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.Versioned;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator.Kind;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TaskCreate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor against the simulated org over real HTTP: plan, create once, recover, refuse, pause. */
class SalesforceRestExecutorIT {
    private TestOrg org;

    @BeforeEach
    void start() throws Exception {
        org = new TestOrg();
    }

    @AfterEach
    void stop() throws Exception {
        org.close();
    }

    @Test
    void aCallWhoseTabClosedAfterHangUpIsLoggedOnceWithTheFieldsSaveLogWouldSend() throws Exception {
        Call call = TestOrg.wrappedUp("call-1", Duration.ofMinutes(5));
        SalesforceRestExecutor executor = org.executor();
        OwedDelivery owed = TestOrg.saveLog(call);

        assertThat(executor.plan(owed, call, Instant.now())).isEqualTo(new Plan.Run());
        Outcome outcome = executor.execute(owed, call);

        assertThat(org.sim.tasks()).hasSize(1);
        String taskId = org.sim.tasks().keySet().iterator().next();
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) outcome).links().keySet())
                .isEqualTo(SalesforceCallLog.doneLinks(Instant.EPOCH, taskId).keySet());
        assertThat(((Outcome.Done) outcome).links()).containsValue(taskId);
        assertThat(strings(org.sim.task(taskId).orElseThrow()))
                .isEqualTo(strings(new TaskCreate(SalesforceCallLog.taskFields(call, TestOrg.ADAPTER)).fields()));

        // Core died before writing the links and asks again: the ledger answers, Salesforce is not asked to create.
        Outcome again = executor.execute(owed, call);
        assertThat(again).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) again).links()).containsValue(taskId);
        assertThat(org.sim.tasks()).hasSize(1);
        assertThat(org.sim.requests(Kind.CREATE)).isEqualTo(1);
    }

    @Test
    void aCallIdTooLongForAStoreKeyIsLedgeredByItsDigest() throws Exception {
        Call call = TestOrg.wrappedUp("c".repeat(240), Duration.ofMinutes(5));
        assertThat(SalesforceRestExecutor.ledgerKey(call.id())).startsWith("sha256-").hasSize(7 + 64);

        assertThat(org.executor().execute(TestOrg.saveLog(call), call)).isInstanceOf(Outcome.Done.class);
        assertThat(org.ledger.get(SalesforceRestExecutor.LEDGER, SalesforceRestExecutor.ledgerKey(call.id())))
                .isPresent();
        assertThat(org.sim.tasks()).hasSize(1);
    }

    @Test
    void aCallNotWrappedUpYetIsLookedAtAgainWithinADeadlineShorterThanTheRecheck() {
        // A 30 s recheck with a 1 s deadline saved the Task up to 30 s late (found by SalesforceRestEndToEndIT).
        SalesforceRestExecutor executor = org.executor(org.settings.withDeadlineAfterWrapUp(Duration.ofSeconds(1)),
                org.ledger);
        Instant now = Instant.now();
        Call ended = TestOrg.wrappedUp("call-2b", Duration.ofSeconds(10)).toBuilder()
                .state(io.callbridge.core.model.CallState.ENDED).wrappedUpAt(null).outcome(null).build();
        assertThat(executor.plan(TestOrg.saveLog(ended), ended, now)).isEqualTo(new Plan.NotYet(now.plusSeconds(1)));
    }

    @Test
    void planLeavesTheCallToFramesUntilTheDeadlineAndDropsWhatIsSettled() {
        SalesforceRestExecutor executor = org.executor();
        Instant now = Instant.now();
        Call justWrapped = TestOrg.wrappedUp("call-2", Duration.ofSeconds(10));
        OwedDelivery owed = TestOrg.saveLog(justWrapped);

        assertThat(executor.plan(owed, null, now)).isInstanceOf(Plan.Drop.class);
        assertThat(executor.plan(owed, justWrapped, now))
                .isEqualTo(new Plan.NotYet(justWrapped.wrappedUpAt().plus(Duration.ofMinutes(3))));
        Call ended = justWrapped.toBuilder().state(io.callbridge.core.model.CallState.ENDED).wrappedUpAt(null)
                .outcome(null).build();
        assertThat(executor.plan(owed, ended, now)).isEqualTo(new Plan.NotYet(now.plusSeconds(30)));
        Call logged = justWrapped.toBuilder().crmLinks(SalesforceCallLog.doneLinks(now, "00T000000000001AAA"))
                .build();
        assertThat(executor.plan(owed, logged, now)).isInstanceOf(Plan.Drop.class);
        Call failed = justWrapped.toBuilder().crmLinks(SalesforceCallLog.failedLinks(now)).build();
        assertThat(executor.plan(owed, failed, now)).isInstanceOf(Plan.Drop.class);
        assertThat(org.sim.requests(Kind.TOKEN)).isZero();
    }

    @Test
    void aScreenPopIsLeftToConsolesUntilItsCallIsGoneAndThenDropped() {
        // A console closed with a screen pop owed leaves that entry to the agent's next console; once core has
        // forgotten the call no console can want it, and nothing else would ever take it out of the store.
        SalesforceRestExecutor executor = org.executor();
        Instant now = Instant.now();
        Call call = TestOrg.wrappedUp("call-pop", Duration.ofSeconds(10));
        OwedDelivery pop = OwedDelivery.of(call.id().value() + ":pop", call.agent(), SalesforceCallLog.CRM,
                "screenPop", "{}");
        assertThat(executor.callOf(pop)).isEqualTo(call.id().value());
        assertThat(executor.plan(pop, call, now)).isEqualTo(new Plan.NotYet(now.plus(Duration.ofDays(1))));
        assertThat(executor.plan(pop, null, now)).isInstanceOf(Plan.Drop.class);
        OwedDelivery other = OwedDelivery.of("tab-1:setSoftphonePanelVisibility", call.agent(), SalesforceCallLog.CRM,
                "setSoftphonePanelVisibility", "{}");
        assertThat(executor.plan(other, null, now)).as("about no call: never REST's to drop")
                .isEqualTo(new Plan.NotYet(now.plus(Duration.ofDays(1))));
        assertThat(org.sim.requests(Kind.TOKEN)).isZero();
    }

    @Test
    void aConnectionDroppedAfterTheWriteMakesNoSecondTask() throws Exception {
        Call call = TestOrg.wrappedUp("call-3", Duration.ofMinutes(5));
        SalesforceRestExecutor executor = org.executor();
        OwedDelivery owed = TestOrg.saveLog(call);
        org.sim.dropAfterNextWrite();

        Outcome unclear = executor.execute(owed, call);
        assertThat(unclear).isInstanceOf(Outcome.Retry.class);
        assertThat(org.sim.tasks()).hasSize(1);

        Outcome retried = executor.execute(attempted(owed, 1), call);
        String taskId = org.sim.tasks().keySet().iterator().next();
        assertThat(retried).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) retried).links()).containsValue(taskId);
        assertThat(org.sim.tasks()).hasSize(1);
        assertThat(org.sim.requests(Kind.QUERY)).isEqualTo(1);
        assertThat(org.sim.requests(Kind.CREATE)).isEqualTo(1);
    }

    @Test
    void aCrashBetweenTheCreateAndTheLedgerWriteMakesNoSecondTaskAfterRestart() throws Exception {
        Call call = TestOrg.wrappedUp("call-4", Duration.ofMinutes(5));
        OwedDelivery owed = TestOrg.saveLog(call);
        // Mockito's spy copies the store's fields, so it shares the real store's values: the fresh node below sees
        // what the failing one wrote.
        CrmStateStore failing = spy(org.ledger);
        // The first write ("creating") goes through; at the second ("created") the node dies: an Error, which no
        // handler of the executor's catches, so nothing after it runs, as in a process that is gone.
        doCallRealMethod().doThrow(new NodeDied()).when(failing)
                .compareAndSet(eq(SalesforceRestExecutor.LEDGER), anyString(), anyLong(), anyString(), any());

        SalesforceRestExecutor dying = org.executor(org.settings, failing);
        assertThatThrownBy(() -> dying.execute(owed, call)).isInstanceOf(NodeDied.class);
        assertThat(org.sim.tasks()).hasSize(1);
        String taskId = org.sim.tasks().keySet().iterator().next();
        assertThat(org.ledger.get(SalesforceRestExecutor.LEDGER, call.id().value())).get()
                .extracting(Versioned::value).asString().contains("creating").doesNotContain(taskId);

        // A fresh node, the same durable store and org, the same entry again (core never wrote the links).
        Outcome afterRestart = org.executor().execute(owed, call);
        assertThat(afterRestart).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) afterRestart).links()).containsValue(taskId);
        assertThat(org.sim.tasks()).hasSize(1);
        assertThat(org.sim.requests(Kind.CREATE)).isEqualTo(1);
        assertThat(org.sim.requests(Kind.QUERY)).as("the unclear create looked up by CallObject").isEqualTo(1);
        assertThat(org.ledger.get(SalesforceRestExecutor.LEDGER, call.id().value())).get()
                .extracting(Versioned::value).asString().contains("created", taskId);
    }

    /** The node's death, as the code running at that moment meets it. */
    private static final class NodeDied extends Error {
        private static final long serialVersionUID = 1L;

        NodeDied() {
            super("the node died here");
        }
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndTheRetryCreatesOnce() throws Exception {
        Call call = TestOrg.wrappedUp("call-5", Duration.ofMinutes(5));
        SalesforceRestExecutor executor = org.executor();
        OwedDelivery owed = TestOrg.saveLog(call);
        org.sim.failNext(1, 503);

        Instant before = Instant.now();
        Outcome failed = executor.execute(owed, call);
        assertThat(failed).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) failed).notBefore())
                .isAfterOrEqualTo(before.plus(TestOrg.ADAPTER.retry().delayBefore(1)));
        assertThat(org.sim.tasks()).isEmpty();

        // Core's service lets a Retry go without counting an attempt: the executor counts the failures in a row.
        org.sim.failNext(1, 500);
        Instant later = Instant.now();
        Outcome second = executor.execute(owed, call);
        assertThat(((Outcome.Retry) second).notBefore())
                .isAfterOrEqualTo(later.plus(TestOrg.ADAPTER.retry().delayBefore(2)));

        assertThat(executor.execute(attempted(owed, 1), call)).isInstanceOf(Outcome.Done.class);
        assertThat(org.sim.tasks()).hasSize(1);
    }

    @Test
    void aTimeoutIsUnclearAndTheRetryFindsTheTaskSalesforceWroteAfterIt() throws Exception {
        Call call = TestOrg.wrappedUp("call-13", Duration.ofMinutes(5));
        SalesforceRestExecutor executor = org.executor(org.settings.withRequestTimeout(Duration.ofMillis(500)),
                org.ledger);
        OwedDelivery owed = TestOrg.saveLog(call);
        org.sim.delayNext(Duration.ofSeconds(2));

        Instant before = Instant.now();
        Outcome timedOut = executor.execute(owed, call);
        assertThat(timedOut).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) timedOut).notBefore()).isAfterOrEqualTo(before.plusMillis(500));
        // Salesforce finishes the write after the client gave up.
        assertThat(org.sim.awaitTasks(1, Duration.ofSeconds(20))).isTrue();

        Outcome retried = executor.execute(attempted(owed, 1), call);
        assertThat(retried).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) retried).links()).containsValue(org.sim.tasks().keySet().iterator().next());
        assertThat(org.sim.tasks()).hasSize(1);
        assertThat(org.sim.requests(Kind.CREATE)).isEqualTo(1);
    }

    @Test
    void anExpiredSessionGetsANewTokenAndTheRequestSucceeds() throws Exception {
        SalesforceRestExecutor executor = org.executor();
        Call first = TestOrg.wrappedUp("call-6", Duration.ofMinutes(5));
        assertThat(executor.execute(TestOrg.saveLog(first), first)).isInstanceOf(Outcome.Done.class);
        org.sim.expireSessions();

        Call second = TestOrg.wrappedUp("call-7", Duration.ofMinutes(5));
        assertThat(executor.execute(TestOrg.saveLog(second), second)).isInstanceOf(Outcome.Done.class);

        assertThat(org.sim.requests(Kind.TOKEN)).isEqualTo(2);
        assertThat(org.sim.tasks()).hasSize(2);
    }

    @Test
    void twentyThreadsNeedingATokenAtOnceMakeOneTokenRequest() throws Exception {
        SalesforceRestExecutor executor = org.executor();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Call call = TestOrg.wrappedUp("call-c" + i, Duration.ofMinutes(5));
                Callable<Outcome> run = () -> {
                    go.await();
                    return executor.execute(TestOrg.saveLog(call), call);
                };
                results.add(pool.submit(run));
            }
            go.countDown();
            for (Future<Outcome> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Done.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(org.sim.requests(Kind.TOKEN)).isEqualTo(1);
        assertThat(org.sim.tasks()).hasSize(20);
    }

    @Test
    void aFieldErrorGivesUpNamingTheFieldAndTheCodeButNoNumber() throws Exception {
        org.sim.addCustomField("Region__c");
        org.sim.requireField("Region__c");
        Call call = TestOrg.wrappedUp("call-8", Duration.ofMinutes(5));

        Outcome outcome = org.executor().execute(TestOrg.saveLog(call), call);

        assertThat(outcome).isInstanceOf(Outcome.GaveUp.class);
        Outcome.GaveUp gaveUp = (Outcome.GaveUp) outcome;
        assertThat(gaveUp.message()).contains("REQUIRED_FIELD_MISSING (Region__c)").doesNotContain("555");
        assertThat(gaveUp.links().keySet()).isEqualTo(SalesforceCallLog.failedLinks(Instant.EPOCH).keySet());
        assertThat(org.ledger.get(SalesforceRestExecutor.LEDGER, call.id().value())).isEmpty();
        assertThat(org.sim.tasks()).isEmpty();
    }

    @Test
    void theDailyLimitPausesTheOrgAndTellsTheAgentOnce() throws Exception {
        SalesforceRestExecutor executor = org.executor();
        org.sim.dailyBudget(10);
        org.sim.apiUsage(10);
        Call first = TestOrg.wrappedUp("call-9", Duration.ofMinutes(5));
        Call second = TestOrg.wrappedUp("call-10", Duration.ofMinutes(5));

        Instant before = Instant.now();
        Outcome outcome = executor.execute(TestOrg.saveLog(first), first);
        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        Instant until = ((Outcome.Retry) outcome).notBefore();
        assertThat(until).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));

        // The org's other entries wait for the pause; one already claimed meets the limit again, told no more.
        assertThat(executor.plan(TestOrg.saveLog(second), second, Instant.now())).isEqualTo(new Plan.NotYet(until));
        assertThat(executor.execute(TestOrg.saveLog(second), second)).isInstanceOf(Outcome.Retry.class);

        List<NotifyAgent> notices = org.engine.sent(NotifyAgent.class);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).code()).isEqualTo(SalesforceRestExecutor.LIMIT_NOTICE);
        assertThat(notices.get(0).agent()).isEqualTo(TestOrg.AGENT);
        assertThat(org.sim.tasks()).isEmpty();
    }

    @Test
    void everyAgentWithWaitingWorkOfThePausedOrgIsToldOncePerPauseAndAnotherOrgsAgentIsNot() throws Exception {
        ShiftedClock clock = new ShiftedClock();
        SalesforceRestExecutor executor = org.executor(org.settings, org.ledger, clock);
        AgentId second = new AgentId("acme", "agent-2");
        Call met = TestOrg.wrappedUp("call-p1", Duration.ofMinutes(5));
        Call firstsOther = TestOrg.wrappedUp("call-p2", Duration.ofMinutes(5));
        Call secondsOne = TestOrg.wrappedUp("call-p3", second, Duration.ofMinutes(5));
        Call secondsTwo = TestOrg.wrappedUp("call-p4", second, Duration.ofMinutes(5));
        try (TestOrg otherOrg = new TestOrg()) {
            SalesforceRestExecutor elsewhere = otherOrg.executor();
            Call thirds = TestOrg.wrappedUp("call-p5", new AgentId("globex", "agent-3"), Duration.ofMinutes(5));
            org.sim.dailyBudget(10);
            org.sim.apiUsage(10);

            Outcome outcome = executor.execute(TestOrg.saveLog(met), met);
            Instant until = ((Outcome.Retry) outcome).notBefore();
            // The sweeps that follow look at every parked entry of the org, again and again.
            for (int sweep = 0; sweep < 3; sweep++) {
                Instant now = clock.instant();
                for (Call waiting : List.of(firstsOther, secondsOne, secondsTwo)) {
                    assertThat(executor.plan(TestOrg.saveLog(waiting), waiting, now)).isEqualTo(new Plan.NotYet(until));
                }
                assertThat(elsewhere.plan(TestOrg.saveLog(thirds), thirds, now)).isEqualTo(new Plan.Run());
            }
            assertThat(org.engine.sent(NotifyAgent.class)).extracting(NotifyAgent::agent)
                    .containsExactlyInAnyOrder(TestOrg.AGENT, second);
            assertThat(org.engine.sent(NotifyAgent.class)).extracting(NotifyAgent::code)
                    .containsOnly(SalesforceRestExecutor.LIMIT_NOTICE);
            assertThat(elsewhere.execute(TestOrg.saveLog(thirds), thirds)).isInstanceOf(Outcome.Done.class);
            assertThat(otherOrg.engine.sent(NotifyAgent.class)).isEmpty();

            // The pause ends; the org is still over its limit, so the next request starts a new pause: told again.
            clock.shift(Duration.ofHours(1).plusMinutes(1));
            assertThat(executor.plan(TestOrg.saveLog(secondsOne), secondsOne, clock.instant()))
                    .isEqualTo(new Plan.Run());
            Instant again = ((Outcome.Retry) executor.execute(TestOrg.saveLog(secondsOne), secondsOne)).notBefore();
            assertThat(again).isAfter(until);
            assertThat(executor.plan(TestOrg.saveLog(firstsOther), firstsOther, clock.instant()))
                    .isEqualTo(new Plan.NotYet(again));
            assertThat(executor.plan(TestOrg.saveLog(secondsTwo), secondsTwo, clock.instant()))
                    .isEqualTo(new Plan.NotYet(again));
            assertThat(org.engine.sent(NotifyAgent.class)).extracting(NotifyAgent::agent)
                    .containsExactlyInAnyOrder(TestOrg.AGENT, second, TestOrg.AGENT, second);
            assertThat(org.sim.tasks()).isEmpty();
        }
    }

    @Test
    void theDailyLimitMetByTheLookUpOfAnUnclearCreatePausesTheOrgToo() throws Exception {
        // The reserve off: only Salesforce's REQUEST_LIMIT_EXCEEDED answer can pause the org here.
        SalesforceRestExecutor executor = org.executor(org.settings.withApiReservePercent(0), org.ledger);
        Call call = TestOrg.wrappedUp("call-q1", Duration.ofMinutes(5));
        org.sim.dropAfterNextWrite();
        assertThat(executor.execute(TestOrg.saveLog(call), call)).isInstanceOf(Outcome.Retry.class);
        org.sim.dailyBudget(org.sim.apiUsage());

        Instant before = Instant.now();
        Outcome outcome = executor.execute(attempted(TestOrg.saveLog(call), 1), call);
        assertThat(org.sim.requests(Kind.QUERY)).isEqualTo(1);
        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        Instant until = ((Outcome.Retry) outcome).notBefore();
        assertThat(until).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
        Call other = TestOrg.wrappedUp("call-q2", Duration.ofMinutes(5));
        assertThat(executor.plan(TestOrg.saveLog(other), other, Instant.now())).isEqualTo(new Plan.NotYet(until));
        assertThat(org.engine.sent(NotifyAgent.class)).hasSize(1);
        assertThat(org.sim.tasks()).hasSize(1);
    }

    @Test
    void fewerDailyRequestsLeftThanTheReservePauseTheOrgEarlyAndTellTheWaitingAgents() throws Exception {
        SalesforceRestExecutor executor = org.executor();
        AgentId second = new AgentId("acme", "agent-2");
        org.sim.dailyBudget(1000);
        // After the next request 950/1000 are used: 50 left, 5 % of the limit, not under it.
        org.sim.apiUsage(949);
        Call first = TestOrg.wrappedUp("call-r1", Duration.ofMinutes(5));
        assertThat(executor.execute(TestOrg.saveLog(first), first)).isInstanceOf(Outcome.Done.class);
        Call next = TestOrg.wrappedUp("call-r2", second, Duration.ofMinutes(5));
        assertThat(executor.plan(TestOrg.saveLog(next), next, Instant.now())).isEqualTo(new Plan.Run());

        // 951/1000: 49 left, under the reserve. That request was made and counts; what waits is paused.
        Instant before = Instant.now();
        assertThat(executor.execute(TestOrg.saveLog(next), next)).isInstanceOf(Outcome.Done.class);
        Call later = TestOrg.wrappedUp("call-r3", second, Duration.ofMinutes(5));
        Plan plan = executor.plan(TestOrg.saveLog(later), later, Instant.now());
        assertThat(plan).isInstanceOf(Plan.NotYet.class);
        assertThat(((Plan.NotYet) plan).at()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
        assertThat(org.engine.sent(NotifyAgent.class)).singleElement().satisfies(n -> {
            assertThat(n.agent()).isEqualTo(second);
            assertThat(n.code()).isEqualTo(SalesforceRestExecutor.LIMIT_NOTICE);
        });
        assertThat(org.sim.tasks()).hasSize(2);

        // With the reserve off, only REQUEST_LIMIT_EXCEEDED pauses the org.
        SalesforceRestExecutor noReserve = org.executor(org.settings.withApiReservePercent(0), org.ledger);
        assertThat(noReserve.execute(TestOrg.saveLog(later), later)).isInstanceOf(Outcome.Done.class);
        Call last = TestOrg.wrappedUp("call-r4", second, Duration.ofMinutes(5));
        assertThat(noReserve.plan(TestOrg.saveLog(last), last, Instant.now())).isEqualTo(new Plan.Run());
    }

    @Test
    void aKeyTheAppDoesNotKnowIsRefusedWithAnErrorNamingTheAppAndUserNotTheKey() throws Exception {
        String otherKey = TestOrg.pem(TestOrg.keyPair());
        SalesforceRestExecutor executor = org.executor(org.settings.withPrivateKeyPem(otherKey), org.ledger);
        Call call = TestOrg.wrappedUp("call-11", Duration.ofMinutes(5));

        Outcome outcome = executor.execute(TestOrg.saveLog(call), call);

        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        String reason = ((Outcome.Retry) outcome).reason();
        assertThat(reason).contains("invalid_grant", TestOrg.CONSUMER_KEY, TestOrg.USERNAME)
                .doesNotContain(otherKey.substring(30, 60)).doesNotContain("PRIVATE KEY");
        assertThat(org.sim.requests(Kind.CREATE)).isZero();
    }

    @Test
    void salesEngagementStepsAreLeftToFramesUnlessManualCompletionIsOn() throws Exception {
        WorkItemId step = WorkItemId.of("a1Bsim000000001AAA");
        Call call = TestOrg.wrappedUp("call-12", Duration.ofMinutes(5));
        Call logged = call.toBuilder().crmLinks(SalesforceCallLog.doneLinks(Instant.now(), "00T000000000001AAA"))
                .build();
        org.engine.work.put(step, new WorkItem(step, TestOrg.AGENT, new PhoneNumber("+14155550199", null,
                "(415) 555-0199"), CompletionTrigger.LOG_SAVED, WorkItemState.LOGGED, Instant.now().minusSeconds(900),
                Instant.now().plusSeconds(3600), call.id(), "00T000000000001AAA", null, Map.of()));
        OwedDelivery owed = OwedDelivery.of(SalesforceCallLog.completeWorkKey(step), TestOrg.AGENT,
                SalesforceCallLog.CRM, SalesforceCallLog.COMPLETE_WORK, "{}");
        Instant now = Instant.now();

        SalesforceRestExecutor off = org.executor();
        assertThat(off.callOf(owed)).isEqualTo(call.id().value());
        assertThat(off.plan(owed, logged, now)).isEqualTo(new Plan.NotYet(now.plus(Duration.ofDays(1))));

        SalesforceRestExecutor on = org.executor(org.settings.withHvsManualCompletion(true), org.ledger);
        assertThat(on.plan(owed, call, now)).isEqualTo(new Plan.NotYet(now.plusSeconds(30)));
        assertThat(on.plan(owed, logged, now)).isEqualTo(new Plan.Run());
        org.sim.addStepTracker(step.value());
        Outcome outcome = on.execute(owed, logged);

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(((Outcome.Done) outcome).links()).containsKey(SalesforceRestExecutor.WORK_COMPLETED_WITHOUT_OUTCOME);
        assertThat(org.sim.cadenceEvents()).containsExactly(step.value() + ":ManualComplete");
        assertThat(org.engine.sent(WorkCommand.CompleteWork.class)).hasSize(1);

        // A step Salesforce no longer has active: given up, as a frame's failed completion is.
        Outcome refused = on.execute(owed, logged);
        assertThat(refused).isInstanceOf(Outcome.GaveUp.class);
        assertThat(((Outcome.GaveUp) refused).message()).contains("INVALID_INPUT", "by hand");
        assertThat(((Outcome.GaveUp) refused).links()).containsKey(SalesforceRestExecutor.WORK_COMPLETION_FAILED);
        assertThat(org.engine.sent(WorkCommand.FailWork.class)).hasSize(1);
    }

    /** The system clock, moved on by the test: the executor's pause ends without the test waiting an hour. */
    private static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    private static OwedDelivery attempted(OwedDelivery owed, int attempts) {
        return new OwedDelivery(owed.key(), owed.agent(), owed.crm(), owed.method(), owed.argsJson(), attempts, null,
                null, owed.fence());
    }

    private static Map<String, String> strings(Map<String, ?> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
