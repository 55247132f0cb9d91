package io.callbridge.adapter.salesforce.internal;

import static io.callbridge.adapter.salesforce.internal.FakeSalesforce.json;
import static io.callbridge.adapter.salesforce.internal.SalesforceFixture.ANN;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.model.Presence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A frame is initialised at once, gets each listener once, and click-to-dial follows the agent's availability. */
class StartUpFlowTest {

    private final SalesforceFixture f = new SalesforceFixture(SalesforceSettings.DEFAULTS);

    private List<String> methodsTo(String session) {
        return f.sf.sentTo(session).stream().map(FakeSalesforce.Sent::method).toList();
    }

    @Test
    void aFrameIsInitialisedAndListensOnceButOffersNoClickToDialWhileTheAgentIsLoggedOut() {
        f.join("tab-1");
        // The transport reporting the same session twice must not register listeners twice.
        f.bridge.frameJoined(f.frame("tab-1"));
        f.settle();

        assertThat(methodsTo("tab-1")).containsExactly("notifyInitializationComplete", "onClickToDial",
                "onNavigationChange", "hvs.onWorkStart", "setSoftphoneItemLabel", "setSoftphoneItemIcon");
        assertThat(f.sf.sent("notifyInitializationComplete").get(0).id()).isEqualTo("tab-1:init");
        assertThat(f.sf.sent("setSoftphoneItemLabel").get(0).args()).isEqualTo(json("{'label':'Offline'}"));
    }

    @Test
    void clickToDialIsEnabledOnEveryFrameOnlyWhileTheAgentIsAvailable() {
        f.join("tab-1");
        f.logIn();
        f.join("tab-2");

        assertThat(methodsTo("tab-2")).containsExactly("notifyInitializationComplete", "onClickToDial",
                "onNavigationChange", "hvs.onWorkStart", "enableClickToDial", "setSoftphoneItemLabel",
                "setSoftphoneItemIcon");
        assertThat(f.sf.sent("enableClickToDial")).extracting(FakeSalesforce.Sent::sessionId)
                .containsExactly("tab-1", "tab-2");

        f.engine().execute(new AgentCommand.SetPresence(ANN, Presence.away("lunch")));
        f.settle();
        assertThat(f.sf.sent("disableClickToDial")).extracting(FakeSalesforce.Sent::sessionId)
                .containsExactlyInAnyOrder("tab-1", "tab-2");
        assertThat(f.sf.sentTo("tab-2").get(f.sf.sentTo("tab-2").size() - 2).args())
                .isEqualTo(json("{'label':'Away: lunch'}"));

        f.engine().execute(new AgentCommand.SetPresence(ANN, Presence.AVAILABLE));
        f.engine().execute(new AgentCommand.LogOut(ANN));
        f.settle();
        assertThat(f.sf.sent("enableClickToDial")).hasSize(4);
        assertThat(f.sf.sent("disableClickToDial")).hasSize(4);
        assertThat(methodsTo("tab-1").get(methodsTo("tab-1").size() - 3)).isEqualTo("disableClickToDial");
        // Status display only: nothing touched Salesforce data.
        assertThat(f.sf.sideEffects()).isEmpty();
    }

    @Test
    void theUtilityItemShowsARingingCall() {
        f.join("tab-1");
        f.logIn();
        f.phone().ring(ANN, f.numbers.parse("+14155550199"), f.numbers.parse("+14155550000"));
        f.settle();

        assertThat(f.sf.sent("setSoftphoneItemLabel")).extracting(s -> s.args().get("label").stringValue())
                .containsExactly("Offline", "Available", "Incoming call");
        assertThat(f.sf.sent("setSoftphoneItemIcon").get(2).args()).isEqualTo(json("{'key':'incoming_call'}"));
    }
}
