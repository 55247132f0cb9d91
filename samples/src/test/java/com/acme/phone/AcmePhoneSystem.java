// tag::file[]
package com.acme.phone;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/** Core's requests go to the switch's HTTP API; the switch's progress comes back through {@link #onSwitchEvent}. */
public final class AcmePhoneSystem implements TelephonyProvider {
    private final URI pbx = URI.create("https://pbx.acme.internal/api/");
    private final HttpClient http = HttpClient.newHttpClient();
    // A Provider, because TelephonyEvents depends on core, which depends on this class.
    private final Provider<TelephonyEvents> events;
    private final PhoneNumberParser numbers;

    @Inject
    AcmePhoneSystem(Provider<TelephonyEvents> events, PhoneNumberParser numbers) {
        this.events = events;
        this.numbers = numbers;
    }

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        // from is null when nobody chose a caller id: let the switch pick the agent's line, and report the number
        // it used in Dialing (null there too if the switch does not say).
        send("dial", callId, "agent=" + agent.agent() + "&to=" + to.e164()
                + (from == null ? "" : "&from=" + from.e164()));
    }

    @Override
    public void answer(CallId callId) {
        send("answer", callId, "");
    }

    @Override
    public void reject(CallId callId) {
        send("reject", callId, "");
    }

    @Override
    public void hangUp(CallId callId) {
        send("hangup", callId, "");
    }

    @Override
    public void hold(CallId callId) {
        send("hold", callId, "");
    }

    @Override
    public void resume(CallId callId) {
        send("resume", callId, "");
    }

    @Override
    public void transfer(CallId callId, String target) {
        if (!target.matches("[0-9+*#]{2,32}")) {
            throw new TelephonyException("Transfer to a number or an extension"); // shown to the agent
        }
        send("transfer", callId, "to=" + target);
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        send(muted ? "mute" : "unmute", callId, "");
    }

    /** What your switch's event feed (a webhook, a socket) calls for each event it sends. */
    public void onSwitchEvent(String type, String callId, @Nullable String detail) {
        CallId id = CallId.of(callId);
        ProviderEvent event = switch (type) {
            case "dialing" -> new ProviderEvent.Dialing(id, detail == null ? null : numbers.parse(detail));
            case "ringing" -> new ProviderEvent.Ringing(id);
            case "answered" -> new ProviderEvent.Answered(id);
            case "held" -> new ProviderEvent.Held(id);
            case "resumed" -> new ProviderEvent.Resumed(id);
            case "ended" -> new ProviderEvent.Ended(id, EndStatus.valueOf(detail));
            default -> null;
        };
        if (event != null) {
            // Duplicates are Ignored and contradictions Rejected, changing nothing: at-least-once delivery is fine.
            events.get().report(event);
        }
    }

    /** Returns at once; a refusal the switch sends later arrives as an "ended" event. */
    private void send(String action, CallId callId, String form) {
        HttpRequest request = HttpRequest.newBuilder(pbx.resolve("calls/" + callId.value() + "/" + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
// end::file[]
