package io.callbridge.adapter.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Presence;
import org.junit.jupiter.api.Test;

/** The pure parts of the flow: record links, ids, the utility item (verdicts: {@link OpenCtiJudgeTest}). */
class FlowPiecesTest {
    @Test
    void recordLinksFollowTheObjectTypeOrTheKeyPrefix() {
        assertThat(RecordLinks.forRecord("Lead", "00Q000000000001AAA", false, null, null))
                .isEqualTo(new RecordLinks("00Q000000000001AAA", null));
        assertThat(RecordLinks.forRecord(null, "003000000000001AAA", false, null, null))
                .isEqualTo(new RecordLinks("003000000000001AAA", null));
        assertThat(RecordLinks.forRecord(null, "006000000000001AAA", false, null, null))
                .isEqualTo(new RecordLinks(null, "006000000000001AAA"));
        assertThat(RecordLinks.forRecord("Account", "001000000000001AAA", true, null, "003000000000002AAA"))
                .isEqualTo(new RecordLinks("003000000000002AAA", "001000000000001AAA"));
        assertThat(RecordLinks.forRecord(null, null, false, null, null)).isEqualTo(RecordLinks.NONE);
        assertThat(RecordLinks.objectTypeOf(null, "500000000000001AAA")).isEqualTo("Case");
    }

    /** The adapter's ids are core's {@code Invocation.deriveId} without a prefix: the same ids as before it. */
    @Test
    void invocationIdsAreDerivedAndShortEnough() {
        assertThat(Invocation.deriveId("", "call-1", "saveLog")).isEqualTo("call-1:saveLog");
        String longId = "c".repeat(255);
        assertThat(Invocation.deriveId("", longId, "saveLog")).hasSizeLessThanOrEqualTo(200)
                .isEqualTo(Invocation.deriveId("", longId, "saveLog")).endsWith(":saveLog");
        assertThat(Invocation.deriveId("", "tab é 1", "init")).matches("[0-9a-f]{64}:init");
    }

    /** The protocol's rule is core's {@code Invocation.isValidId} (tested there): at 200 characters an id digests. */
    @Test
    void anIdIsKeptAsItIsExactlyWhenTheProtocolTakesIt() {
        assertThat(Invocation.deriveId("", "x".repeat(192), "saveLog")).isEqualTo("x".repeat(192) + ":saveLog");
        assertThat(Invocation.deriveId("", "x".repeat(193), "saveLog")).matches("[0-9a-f]{64}:saveLog");
    }

    @Test
    void theUtilityItemPutsARingingCallAbovePresence() {
        AgentId id = AgentId.of("t", "a");
        assertThat(SoftphoneItem.of(Agent.offline(id)).label()).isEqualTo("Offline");
        assertThat(SoftphoneItem.of(new Agent(id, true, Presence.away(null), null, Activity.RINGING)).label())
                .isEqualTo("Incoming call");
        assertThat(SoftphoneItem.of(new Agent(id, true, Presence.away(null), null, Activity.IDLE)).icon())
                .isEqualTo("away");
        assertThat(SoftphoneItem.of(new Agent(id, true, Presence.AVAILABLE, null, Activity.WRAP_UP)).label())
                .isEqualTo("Wrap-up");
    }
}
