package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What follows a REST log (HubSpot's "recording ready"): told of each logged call, unable to undo the log. */
class AfterLogExecutorTest {
    private final Rig rig = new Rig();

    @AfterEach
    void stop() {
        rig.close();
    }

    private static ServerSideExecutor answering(ServerSideExecutor.Outcome outcome) {
        return new ServerSideExecutor() {
            @Override
            public String crm() {
                return HubSpotCallLog.CRM;
            }

            @Override
            public Plan plan(OwedDelivery owed, @Nullable Call call, Instant now) {
                return new Plan.Run();
            }

            @Override
            public @Nullable String callOf(OwedDelivery owed) {
                return null;
            }

            @Override
            public Outcome execute(OwedDelivery owed, Call call) {
                return outcome;
            }
        };
    }

    @Test
    void aLoggedCallIsHandedOnWithItsPortalAndTheEngagementTheLogMade() throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, null, null, null);
        Instant now = rig.clock.instant();
        List<String> told = new ArrayList<>();
        ServerSideExecutor executor = new AfterLogExecutor(answering(new ServerSideExecutor.Outcome.Done(
                HubSpotCallLog.doneLinks(now, 9001L))), (portal, engagement, id) -> told.add(portal + "/" + engagement
                + "/" + id.value()));

        assertThat(executor.execute(Rig.owed(call), call)).isInstanceOf(ServerSideExecutor.Outcome.Done.class);
        assertThat(told).containsExactly(Rig.PORTAL + "/9001/" + call.id().value());
    }

    @Test
    void nothingIsHandedOnForAFailedLogAndAFailingHookLeavesTheLogDone() throws InterruptedException {
        Call call = rig.wrappedUp(Rig.PORTAL, 42L, null, null);
        Instant now = rig.clock.instant();
        List<CallId> told = new ArrayList<>();
        ServerSideExecutor gaveUp = new AfterLogExecutor(answering(new ServerSideExecutor.Outcome.GaveUp("refused",
                HubSpotCallLog.failedLinks(now))), (portal, engagement, id) -> told.add(id));
        assertThat(gaveUp.execute(Rig.owed(call), call)).isInstanceOf(ServerSideExecutor.Outcome.GaveUp.class);
        assertThat(told).isEmpty();

        ServerSideExecutor.Outcome done = new ServerSideExecutor.Outcome.Done(Map.of("hubspot.completed",
                now.toString()));
        ServerSideExecutor failing = new AfterLogExecutor(answering(done), (portal, engagement, id) -> {
            throw new java.io.IOException("HubSpot is down");
        });
        assertThat(failing.execute(Rig.owed(call), call)).isEqualTo(done);
    }
}
