package io.callbridge.core.command;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CrmRecordRef;
import java.util.Objects;

/** A command on an existing call. */
public sealed interface CallCommand extends Command {
    CallId callId();

    /** Answer an inbound call that rings at the agent. */
    record Answer(AgentId agent, CallId callId) implements CallCommand {
        public Answer { Objects.requireNonNull(agent, "agent"); Objects.requireNonNull(callId, "callId"); }
    }

    /** Decline an inbound call that rings at the agent. */
    record Reject(AgentId agent, CallId callId) implements CallCommand {
        public Reject { Objects.requireNonNull(agent, "agent"); Objects.requireNonNull(callId, "callId"); }
    }

    /** End the call from the agent's side (on a ringing inbound call this declines it). */
    record HangUp(AgentId agent, CallId callId) implements CallCommand {
        public HangUp { Objects.requireNonNull(agent, "agent"); Objects.requireNonNull(callId, "callId"); }
    }

    record Hold(AgentId agent, CallId callId) implements CallCommand {
        public Hold { Objects.requireNonNull(agent, "agent"); Objects.requireNonNull(callId, "callId"); }
    }

    record Resume(AgentId agent, CallId callId) implements CallCommand {
        public Resume { Objects.requireNonNull(agent, "agent"); Objects.requireNonNull(callId, "callId"); }
    }

    /** Hand the call to {@code target} (a number or an identifier the phone system understands). */
    record Transfer(AgentId agent, CallId callId, String target) implements CallCommand {
        public Transfer {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(target, "target");
            if (target.isBlank() || target.length() > 255) {
                throw new IllegalArgumentException("target must be 1-255 characters");
            }
        }
    }

    record Mute(AgentId agent, CallId callId, boolean muted) implements CallCommand {
        public Mute { Objects.requireNonNull(agent, "agent"); Objects.requireNonNull(callId, "callId"); }
    }

    /** Save the outcome of an ended call, which ends its wrap-up. */
    record WrapUp(AgentId agent, CallId callId, CallOutcome outcome) implements CallCommand {
        public WrapUp {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Say which CRM record the call is about (a dial from a record, a caller-id match, the agent's choice). */
    record AttachRecord(AgentId agent, CallId callId, CrmRecordRef record) implements CallCommand {
        public AttachRecord {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * Remember an id a CRM gave to something it made for the call, e.g. {@code hubspot.engagementId} or
     * {@code salesforce.taskId}. Keys are namespaced by the adapter that writes them.
     */
    record LinkCrmArtefact(AgentId agent, CallId callId, String key, String value) implements CallCommand {
        private static final int MAX_NAME_LENGTH = 64;

        public LinkCrmArtefact {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!isLinkKey(key)) {
                throw new IllegalArgumentException("key must look like 'crm.name', e.g. hubspot.engagementId,"
                        + " but was '" + key + "'");
            }
            if (value.isBlank() || value.length() > 255) {
                throw new IllegalArgumentException("value of " + key + " must be 1-255 characters");
            }
        }

        /**
         * {@code [a-z][a-zA-Z0-9]*\.[a-zA-Z0-9._-]{1,64}}, checked with a loop: adapters write a link for every step
         * they deliver, and a regex match cost as much as the rest of the command.
         */
        static boolean isLinkKey(String key) {
            int length = key.length();
            if (length == 0 || key.charAt(0) < 'a' || key.charAt(0) > 'z') {
                return false;
            }
            int i = 1;
            while (i < length && isAsciiLetterOrDigit(key.charAt(i))) {
                i++;
            }
            if (i == length || key.charAt(i) != '.') {
                return false;
            }
            int name = length - i - 1;
            if (name < 1 || name > MAX_NAME_LENGTH) {
                return false;
            }
            for (i++; i < length; i++) {
                char c = key.charAt(i);
                if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
    }
}
