package io.callbridge.core.command;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Place an outbound call.
 *
 * @param callId an id chosen by the caller, which makes the dial idempotent (a bridge that replays a click-to-dial
 *     does not place a second call); null to let core choose one
 * @param from the caller id to present, or null for the phone system's default
 * @param record the CRM record the call is about, if it was dialled from one
 * @param crmContext what the CRM sent with the dial request, kept with the call for the adapter
 */
public record Dial(AgentId agent, PhoneNumber to, @Nullable PhoneNumber from, @Nullable CallId callId,
        @Nullable CrmRecordRef record, Map<String, String> crmContext) implements Command {

    public Dial {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(to, "to");
        crmContext = Map.copyOf(crmContext);
    }

    public static Dial to(AgentId agent, PhoneNumber to) {
        return new Dial(agent, to, null, null, null, Map.of());
    }
}
