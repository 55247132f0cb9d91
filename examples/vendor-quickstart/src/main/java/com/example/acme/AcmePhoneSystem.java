package com.example.acme;

import io.callbridge.core.Service;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acme's phone system, as callbridge sees it. A real one would send each request to the PBX and report what the PBX
 * says; this stand-in "PBX" answers every outbound call after {@link #ANSWER_AFTER_MS} ms from Acme's main line and
 * keeps it up until someone hangs up. Numbers starting +1 900 are refused (premium rate), as a real switch might.
 * Requests return at once; the reports come from the PBX's own thread, as they would from its webhooks.
 */
public final class AcmePhoneSystem implements TelephonyProvider, Service {
    private static final Logger LOG = LoggerFactory.getLogger(AcmePhoneSystem.class);
    static final long ANSWER_AFTER_MS = 400;

    private enum Line { RINGING, CONNECTED, HELD }

    private final Provider<TelephonyEvents> events;
    private final PhoneNumber mainLine;
    private final Map<CallId, Line> lines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pbx = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "acme-pbx");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public AcmePhoneSystem(Provider<TelephonyEvents> events, AcmeConfig config) {
        this.events = events;
        this.mainLine = new PhoneNumberParser("US").parse(config.mainLine());
    }

    @Override
    public void start() {
        LOG.info("Acme PBX connected");
    }

    @Override
    public void stop() {
        pbx.shutdownNow();
    }

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        if (to.e164().startsWith("+1900")) {
            throw new TelephonyException("Acme does not dial premium-rate numbers");
        }
        lines.put(callId, Line.RINGING);
        PhoneNumber callerId = from != null ? from : mainLine;
        pbx.execute(() -> report(new ProviderEvent.Dialing(callId, callerId)));
        pbx.schedule(() -> {
            if (lines.replace(callId, Line.RINGING, Line.CONNECTED)) {
                report(new ProviderEvent.Answered(callId));
            }
        }, ANSWER_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void answer(CallId callId) {
        if (lines.replace(callId, Line.RINGING, Line.CONNECTED)) {
            pbx.execute(() -> report(new ProviderEvent.Answered(callId)));
        }
    }

    @Override
    public void reject(CallId callId) {
        end(callId, EndStatus.REJECTED);
    }

    @Override
    public void hangUp(CallId callId) {
        Line line = lines.get(callId);
        end(callId, line == null || line == Line.RINGING ? EndStatus.CANCELED : EndStatus.COMPLETED);
    }

    @Override
    public void hold(CallId callId) {
        if (lines.replace(callId, Line.CONNECTED, Line.HELD)) {
            pbx.execute(() -> report(new ProviderEvent.Held(callId)));
        }
    }

    @Override
    public void resume(CallId callId) {
        if (lines.replace(callId, Line.HELD, Line.CONNECTED)) {
            pbx.execute(() -> report(new ProviderEvent.Resumed(callId)));
        }
    }

    @Override
    public void transfer(CallId callId, String target) {
        end(callId, EndStatus.TRANSFERRED);
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        if (lines.containsKey(callId)) {
            pbx.execute(() -> report(new ProviderEvent.MuteChanged(callId, muted)));
        }
    }

    private void end(CallId callId, EndStatus status) {
        if (lines.remove(callId) != null) {
            pbx.execute(() -> report(new ProviderEvent.Ended(callId, status)));
        }
    }

    private void report(ProviderEvent event) {
        // A report that does not fit the call's state changes nothing; a real integration logs it for the PBX team.
        LOG.debug("PBX reports {}: {}", event.getClass().getSimpleName(), events.get().report(event));
    }
}
