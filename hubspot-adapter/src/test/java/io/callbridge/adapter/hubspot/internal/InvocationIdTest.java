package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Idempotency keys: plain when the protocol takes them ({@code Invocation.isValidId}, tested in core), hashed when not. */
class InvocationIdTest {

    @Test
    void plainScopesStayAndOthersAreHashed() {
        assertThat(HubSpotAgentBridge.invocationId("cb-1", "CALL_ANSWERED")).isEqualTo("hubspot:cb-1:CALL_ANSWERED");
        assertThat(HubSpotAgentBridge.invocationId("tab 1", "ERROR:1")).matches("hubspot:[0-9a-f]{64}:ERROR:1");
        String longest = "c".repeat(200 - "hubspot:".length() - ":CALL_ENDED".length());
        assertThat(HubSpotAgentBridge.invocationId(longest, "CALL_ENDED")).hasSize(200).contains(longest);
        assertThat(HubSpotAgentBridge.invocationId(longest + "c", "CALL_ENDED"))
                .matches("hubspot:[0-9a-f]{64}:CALL_ENDED");
    }
}
