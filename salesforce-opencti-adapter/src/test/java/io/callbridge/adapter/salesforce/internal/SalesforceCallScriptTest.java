package io.callbridge.adapter.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.internal.SalesforceCallScript.Owed;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (scenario × call state) pair of {@link SalesforceCallScript}, checked against a table written from its javadoc.
 *
 * <p>A scenario is the call's direction followed by what core holds besides the state: {@code taskId},
 * {@code taskFailed}, {@code screenPop} (its CRM links), {@code noCaller} (an inbound call without a number), and
 * {@code work:STATE} for the work item the call names, optionally {@code :otherCall} (matched to another call),
 * {@code :notOurs} (offered by another CRM) or {@code work:missing} (named, but core has none). Cells: {@code -}
 * nothing is owed; {@code pop} the screen pop for the caller; {@code log} the Task; {@code complete} and
 * {@code mark+complete} the work completion with the call's Task id, marking the work LOGGED first for the latter.
 */
class SalesforceCallScriptTest {

    private static final String TABLE = """
            scenario                          QUEUED DIALING RINGING CONNECTED HELD ENDED WRAPPED_UP
            outbound                          -      -       -       -         -    -     log
            outbound taskId                   -      -       -       -         -    -     -
            outbound taskFailed               -      -       -       -         -    -     -
            outbound screenPop                -      -       -       -         -    -     log
            outbound work:MATCHED             -      -       -       -         -    -     log
            outbound taskFailed work:MATCHED  -      -       -       -         -    -     -
            outbound taskId work:MATCHED      -      -       -       -         -    -     mark+complete
            outbound taskId work:LOGGED       -      -       -       -         -    -     complete
            outbound taskId work:COMPLETED    -      -       -       -         -    -     -
            outbound taskId work:FAILED       -      -       -       -         -    -     -
            outbound taskId work:EXPIRED      -      -       -       -         -    -     -
            outbound taskId work:PENDING      -      -       -       -         -    -     -
            outbound taskId work:LOGGED:otherCall -  -       -       -         -    -     -
            outbound taskId work:LOGGED:notOurs -    -       -       -         -    -     -
            outbound taskId work:missing      -      -       -       -         -    -     -
            inbound                           pop    pop     pop     pop       pop  -     log
            inbound screenPop                 -      -       -       -         -    -     log
            inbound noCaller                  -      -       -       -         -    -     log
            inbound taskId                    pop    pop     pop     pop       pop  -     -
            inbound screenPop taskId          -      -       -       -         -    -     -
            inbound screenPop taskFailed      -      -       -       -         -    -     -
            inbound screenPop taskId work:LOGGED -   -       -       -         -    -     -
            """;

    private static final AgentId AGENT = AgentId.of("acme", "ann");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final CallId CALL = CallId.of("call-1");
    private static final WorkItemId WORK = WorkItemId.of("0Q3000000000001AAA");
    private static final String TASK = "00T000000000001AAA";
    private static final PhoneNumber CALLER = new PhoneNumber("+14155550199", null, "(415) 555-0199");
    private static final PhoneNumber AGENT_LINE = new PhoneNumber("+14155550000", null, "(415) 555-0000");

    @TestFactory
    Stream<DynamicTest> everyScenarioInEveryState() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        List<CallState> states = Arrays.stream(lines.get(0).trim().split("\\s+")).skip(1).map(CallState::valueOf)
                .toList();
        assertThat(states).as("the table covers every call state").containsExactly(CallState.values());
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] words = line.trim().split("\\s+");
            List<String> cells = Arrays.asList(words).subList(words.length - states.size(), words.length);
            List<String> scenario = Arrays.asList(words).subList(0, words.length - states.size());
            for (int i = 0; i < states.size(); i++) {
                CallState state = states.get(i);
                String expected = cells.get(i);
                tests.add(DynamicTest.dynamicTest(String.join(" ", scenario) + " in " + state + " → " + expected,
                        () -> check(scenario, state, expected)));
            }
        }
        return tests.stream();
    }

    private static void check(List<String> scenario, CallState state, String expected) {
        Direction direction = Direction.valueOf(scenario.get(0).toUpperCase(java.util.Locale.ROOT));
        Map<String, String> links = new HashMap<>();
        boolean noCaller = false;
        String work = null;
        for (String word : scenario.subList(1, scenario.size())) {
            switch (word) {
                case "taskId" -> links.put(SalesforceCallScript.TASK_ID, TASK);
                case "taskFailed" -> links.put(SalesforceCallScript.TASK_FAILED, "INVALID_PARAM bad value");
                case "screenPop" -> links.put(SalesforceCallScript.SCREEN_POP, "done");
                case "noCaller" -> noCaller = true;
                default -> {
                    assertThat(word).as("scenario word").startsWith("work:");
                    work = word.substring("work:".length());
                }
            }
        }
        Call call = call(direction, state, noCaller, links, work != null);
        Owed owed = SalesforceCallScript.owed(call, work == null ? null : workItem(work));

        switch (expected) {
            case "-" -> assertThat(owed).isEqualTo(new Owed.Nothing());
            case "pop" -> assertThat(owed).isEqualTo(new Owed.ScreenPop(CALLER));
            case "log" -> assertThat(owed).isEqualTo(new Owed.SaveLog());
            case "complete" -> assertThat(owed).isEqualTo(new Owed.CompleteWork(WORK, TASK, false));
            case "mark+complete" -> assertThat(owed).isEqualTo(new Owed.CompleteWork(WORK, TASK, true));
            default -> throw new AssertionError("unknown cell '" + expected + "'");
        }
    }

    @Test
    void workIsOursWhenThisAdapterOfferedIt() {
        assertThat(SalesforceCallScript.isOurs(workItem("PENDING"))).isTrue();
        assertThat(SalesforceCallScript.isOurs(workItem("PENDING:notOurs"))).isFalse();
        assertThat(SalesforceCallScript.hasWork(call(Direction.OUTBOUND, CallState.ENDED, false, Map.of(), true)))
                .isTrue();
        assertThat(SalesforceCallScript.hasWork(call(Direction.INBOUND, CallState.ENDED, false, Map.of(), true)))
                .isFalse();
        assertThat(SalesforceCallScript.hasWork(call(Direction.OUTBOUND, CallState.ENDED, false, Map.of(), false)))
                .isFalse();
    }

    // ------------------------------------------------------------------------------------------- builders

    private static Call call(Direction direction, CallState state, boolean noCaller, Map<String, String> links,
            boolean withWork) {
        Call base = direction == Direction.OUTBOUND ? Call.outbound(CALL, AGENT, AGENT_LINE, CALLER, T0)
                : Call.inbound(CALL, AGENT, CALLER, AGENT_LINE, T0);
        Call.Builder b = base.toBuilder().state(state).crmLinks(links).workItem(withWork ? WORK : null);
        if (noCaller) {
            b.from(null);
        }
        if (state == CallState.CONNECTED || state == CallState.HELD || state == CallState.ENDED
                || state == CallState.WRAPPED_UP) {
            b.connectedAt(T0.plusSeconds(5));
        }
        if (state == CallState.ENDED || state == CallState.WRAPPED_UP) {
            b.endStatus(EndStatus.COMPLETED).endedAt(T0.plusSeconds(60));
        }
        if (state == CallState.WRAPPED_UP) {
            b.outcome(CallOutcome.NONE).wrappedUpAt(T0.plusSeconds(90));
        }
        return b.build();
    }

    /** {@code STATE}, {@code STATE:otherCall} or {@code STATE:notOurs}; {@code missing} is no work item at all. */
    private static @Nullable WorkItem workItem(String spec) {
        if (spec.equals("missing")) {
            return null;
        }
        String[] parts = spec.split(":");
        WorkItemState state = WorkItemState.valueOf(parts[0]);
        String variant = parts.length > 1 ? parts[1] : "";
        Map<String, String> attributes = variant.equals("notOurs") ? Map.of("other.to", "4155550199")
                : Map.of(SalesforceCallScript.WORK_TO, "(415) 555-0199");
        WorkItem item = WorkItem.pending(WORK, AGENT, CALLER, CompletionTrigger.LOG_SAVED, T0,
                T0.plus(Duration.ofMinutes(30)), attributes);
        if (state == WorkItemState.PENDING) {
            return item;
        }
        if (state == WorkItemState.EXPIRED) {
            return item.expired();
        }
        WorkItem matched = item.matched(variant.equals("otherCall") ? CallId.of("call-2") : CALL);
        return switch (state) {
            case MATCHED -> matched;
            case LOGGED -> matched.logged(TASK);
            case COMPLETED -> matched.logged(TASK).completed();
            case FAILED -> matched.failed("the call's Task was not saved");
            default -> throw new AssertionError("unhandled work state " + state);
        };
    }
}
