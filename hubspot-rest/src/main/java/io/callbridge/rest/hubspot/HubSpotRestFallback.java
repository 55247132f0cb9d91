package io.callbridge.rest.hubspot;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.CrmStateStore;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Makes the HubSpot REST fallback's {@link ServerSideExecutor} without an injector ({@code HubSpotRestModule} in
 * {@code io.callbridge.rest.hubspot.inject} does it for Guice).
 */
public final class HubSpotRestFallback {
    private HubSpotRestFallback() {
    }

    /**
     * The executor of owed HubSpot call logs.
     *
     * @param tokens the portals' access tokens (one of the auth modules, or a vendor's own)
     * @param ledger where the call id → HubSpot call id ledger lives (core's {@link CrmStateStore}; Redis's in a
     *     cluster, so that every node sees what another created)
     * @param adapterSettings the HubSpot adapter's settings, for the call's properties as a frame would log them
     * @param notices how the agent is told (e.g. {@code callEngine::execute}) that the portal's daily limit is used up
     */
    public static ServerSideExecutor executor(HubSpotAccessTokens tokens, CrmStateStore ledger,
            HubSpotRestSettings settings, HubSpotSettings adapterSettings, Clock clock,
            Consumer<NotifyAgent> notices) {
        HubSpotClient client = new HubSpotClient(HubSpotClient.defaultHttp(settings), tokens, settings, clock);
        return new HubSpotRestExecutor(client, ledger, settings, adapterSettings, clock, notices);
    }

    /**
     * The executor of owed HubSpot call logs, telling {@code afterLog} of each call it logged with an engagement, e.g.
     * {@code recordings::markReadyIfRecorded} (HubSpot then fetches the recording and transcribes it). A failing
     * {@code afterLog} is logged; the call stays logged.
     */
    public static ServerSideExecutor executor(HubSpotAccessTokens tokens, CrmStateStore ledger,
            HubSpotRestSettings settings, HubSpotSettings adapterSettings, Clock clock,
            Consumer<NotifyAgent> notices, AfterLog afterLog) {
        return new AfterLogExecutor(executor(tokens, ledger, settings, adapterSettings, clock, notices), afterLog);
    }

    /** What follows a call's log through the REST API. */
    @FunctionalInterface
    public interface AfterLog {
        void logged(long portalId, long engagementId, CallId callId) throws Exception;
    }
}
