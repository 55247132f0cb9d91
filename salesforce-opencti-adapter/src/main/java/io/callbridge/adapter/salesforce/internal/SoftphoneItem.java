package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.model.Agent;

/**
 * What the closed softphone's utility-bar item shows: the agent's presence, or the call activity that matters more
 * (a ringing call above all, since the agent may not have the panel open). Pure.
 */
record SoftphoneItem(String label, String icon) {

    static SoftphoneItem of(Agent agent) {
        if (!agent.loggedIn()) {
            return new SoftphoneItem("Offline", "offline");
        }
        switch (agent.activity()) {
            case RINGING:
                return new SoftphoneItem("Incoming call", "incoming_call");
            case ON_CALL:
                return new SoftphoneItem("On a call", "call");
            case WRAP_UP:
                return new SoftphoneItem("Wrap-up", "edit_form");
            case IDLE:
                break;
            default:
                throw new IllegalStateException("unhandled activity " + agent.activity());
        }
        switch (agent.presence().status()) {
            case AVAILABLE:
                return new SoftphoneItem("Available", "call");
            case AWAY:
                String reason = agent.presence().reason();
                return new SoftphoneItem(reason == null ? "Away" : "Away: " + reason, "away");
            case OFFLINE:
                return new SoftphoneItem("Offline", "offline");
            default:
                throw new IllegalStateException("unhandled presence " + agent.presence().status());
        }
    }
}
