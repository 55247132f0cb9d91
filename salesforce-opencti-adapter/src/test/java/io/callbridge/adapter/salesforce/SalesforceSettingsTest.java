package io.callbridge.adapter.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.adapter.salesforce.SalesforceSettings.Dispositions;
import io.callbridge.adapter.salesforce.SalesforceSettings.InboundPopPolicy;
import io.callbridge.adapter.salesforce.SalesforceSettings.PopAction;
import io.callbridge.adapter.salesforce.SalesforceSettings.Retry;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.model.EndStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSettingsTest {

    @Test
    void defaultsAreWhatTheIssueAsksFor() {
        SalesforceSettings d = SalesforceSettings.DEFAULTS;
        assertThat(d.apiVersion()).isEqualTo(62);
        assertThat(d.dispositionField()).isEqualTo("CallDisposition");
        assertThat(d.taskStatus()).isEqualTo("Completed");
        assertThat(d.inboundPop().actionFor(0)).isEqualTo(PopAction.NEW_RECORD);
        assertThat(d.inboundPop().actionFor(1)).isEqualTo(PopAction.RECORD);
        assertThat(d.inboundPop().actionFor(7)).isEqualTo(PopAction.SEARCH);
        assertThat(d.inboundPop().newRecordEntity()).isEqualTo("Contact");
        assertThat(d.inboundPop().newRecordPhoneField()).isEqualTo("Phone");
    }

    @Test
    void dispositionsLookUpTheCodeThenTheEndStatusThenTheDefaultByConnection() {
        Dispositions d = new Dispositions(Map.of("vm", "Left Voicemail", "BUSY", "Call Back Later",
                "NO_ANSWER", "Unqualified"), "Meaningful Connect", "Not Interested");
        assertThat(d.resultFor("vm", EndStatus.NO_ANSWER, false)).isEqualTo("Left Voicemail");
        assertThat(d.resultFor(null, EndStatus.NO_ANSWER, false)).isEqualTo("Unqualified");
        assertThat(d.resultFor("other", EndStatus.COMPLETED, true)).isEqualTo("Meaningful Connect");
        assertThat(d.resultFor("other", EndStatus.FAILED, false)).isEqualTo("Not Interested");
    }

    @Test
    void retryBackoffDoublesUpToTheCap() {
        Retry r = new Retry(Duration.ofSeconds(2), Duration.ofSeconds(10), 5);
        assertThat(r.delayBefore(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.delayBefore(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(r.delayBefore(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(r.delayBefore(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.delayBefore(60)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryIsCoresRetryPolicyUnderItsOldName() {
        assertThat(Retry.DEFAULT.policy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(SalesforceSettings.DEFAULTS.retry()).isEqualTo(Retry.DEFAULT);
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(3), Duration.ofSeconds(20), 4);
        assertThat(Retry.of(p).policy()).isEqualTo(p);
        assertThat(SalesforceSettings.DEFAULTS.withRetry(p).retry())
                .isEqualTo(new Retry(Duration.ofSeconds(3), Duration.ofSeconds(20), 4));
        for (int retry = 1; retry < 10; retry++) {
            assertThat(Retry.of(p).delayBefore(retry)).isEqualTo(p.delayBefore(retry));
        }
        assertThatThrownBy(() -> new Retry(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void badValuesAreRefusedWhenTheSettingsAreMade() {
        SalesforceSettings d = SalesforceSettings.DEFAULTS;
        assertThatThrownBy(() -> d.withDispositionField("Outcome")).hasMessageContaining("__c");
        assertThatThrownBy(() -> d.withSubjectTemplate("Call {who}")).hasMessageContaining("{who}");
        assertThatThrownBy(() -> d.withInvocationTimeout(Duration.ZERO)).hasMessageContaining("invocationTimeout");
        assertThatThrownBy(() -> new SalesforceSettings(45, Dispositions.DEFAULTS, "CallDisposition",
                InboundPopPolicy.DEFAULT, "Completed", "x", d.activityDateZone(), Duration.ofSeconds(1), Retry.DEFAULT))
                .hasMessageContaining("apiVersion");
        assertThatThrownBy(() -> new InboundPopPolicy(PopAction.RECORD, PopAction.RECORD, PopAction.SEARCH, "Contact",
                "Phone")).hasMessageContaining("RECORD");
        assertThatThrownBy(() -> new Retry(Duration.ofSeconds(5), Duration.ofSeconds(1), 3))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> Dispositions.DEFAULTS.with("x", " ")).hasMessageContaining("disposition for x");
    }
}
