package io.callbridge.rest.hubspot;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.model.Call;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor, and then {@link HubSpotRestFallback.AfterLog} for each call it logged with an engagement (HubSpot's
 * "recording ready", so that HubSpot fetches and transcribes the recording). What the hook does cannot undo the log:
 * a failing hook is logged and the outcome stands.
 */
final class AfterLogExecutor implements ServerSideExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(AfterLogExecutor.class);
    private static final String ENGAGEMENT_LINK = "hubspot.engagementId";

    private final ServerSideExecutor inner;
    private final HubSpotRestFallback.AfterLog afterLog;

    AfterLogExecutor(ServerSideExecutor inner, HubSpotRestFallback.AfterLog afterLog) {
        this.inner = inner;
        this.afterLog = afterLog;
    }

    @Override
    public String crm() {
        return inner.crm();
    }

    @Override
    public Plan plan(OwedDelivery owed, @Nullable Call call, Instant now) {
        return inner.plan(owed, call, now);
    }

    @Override
    public @Nullable String callOf(OwedDelivery owed) {
        return inner.callOf(owed);
    }

    @Override
    public Outcome execute(OwedDelivery owed, Call call) throws InterruptedException {
        Outcome outcome = inner.execute(owed, call);
        if (outcome instanceof Outcome.Done done) {
            Long portal = HubSpotCallLog.portalId(call);
            Long engagement = engagement(done, call);
            if (portal != null && engagement != null) {
                try {
                    afterLog.logged(portal, engagement, call.id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    LOG.warn("call {} was logged to HubSpot (engagement {} of portal {}), but what follows the log "
                            + "failed: {}", call.id().value(), engagement, portal, e.getClass().getSimpleName());
                    LOG.debug("after the log of call {}", call.id().value(), e);
                }
            }
        }
        return outcome;
    }

    private static @Nullable Long engagement(Outcome.Done done, Call call) {
        String linked = done.links().get(ENGAGEMENT_LINK);
        if (linked != null) {
            try {
                return Long.parseLong(linked);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return HubSpotCallLog.engagementId(call);
    }
}
