package io.callbridge.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvocationIdsTest {
    @Test
    void aDerivedIdGivesBackItsScopeForItsPrefixAndStepOnly() {
        String id = Invocation.deriveId("hubspot:", "call-7:a", "CALL_ENDED");
        assertThat(id).isEqualTo("hubspot:call-7:a:CALL_ENDED");
        assertThat(Invocation.scopeOf(id, "hubspot:", "CALL_ENDED")).isEqualTo("call-7:a");
        assertThat(Invocation.scopeOf("call-7:pop", "", "pop")).isEqualTo("call-7");

        assertThat(Invocation.scopeOf(id, "hubspot:", "CALL_ANSWERED")).as("another step").isNull();
        assertThat(Invocation.scopeOf(id, "salesforce:", "CALL_ENDED")).as("another prefix").isNull();
        assertThat(Invocation.scopeOf("hubspot::CALL_ENDED", "hubspot:", "CALL_ENDED")).as("no scope").isNull();
        assertThat(Invocation.scopeOf("hubspot:call-7CALL_ENDED", "hubspot:", "CALL_ENDED")).as("no colon")
                .isNull();
        assertThat(Invocation.scopeOf("hubspot:bad id:CALL_ENDED", "hubspot:", "CALL_ENDED")).as("not an id")
                .isNull();
    }

    @Test
    void anIdThatHoldsADigestOfItsScopeNamesNoScope() {
        String tooLong = "c".repeat(250);
        String id = Invocation.deriveId("hubspot:", tooLong, "CALL_ENDED");
        assertThat(id).doesNotContain(tooLong);
        assertThat(Invocation.scopeOf(id, "hubspot:", "CALL_ENDED")).isNull();
        assertThat(Invocation.scopeOf(Invocation.deriveId("", "d".repeat(300), "pop"), "", "pop")).isNull();
    }
}
