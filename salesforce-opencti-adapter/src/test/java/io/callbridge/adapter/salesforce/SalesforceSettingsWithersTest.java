package io.callbridge.adapter.salesforce;

import static java.util.Map.entry;

import io.callbridge.core.bridge.CallScope;
import io.callbridge.testkit.SettingsWithers;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSettingsWithersTest {

    @Test
    void everyComponentHasAWitherThatChangesOnlyIt() throws Exception {
        SettingsWithers.check(SalesforceSettings.DEFAULTS, Map.ofEntries(
                entry("apiVersion", 60),
                entry("dispositions", SalesforceSettings.Dispositions.DEFAULTS.with("voicemail", "Left Voicemail")),
                entry("dispositionField", "Call_Outcome__c"),
                entry("inboundPop", new SalesforceSettings.InboundPopPolicy(SalesforceSettings.PopAction.SEARCH,
                        SalesforceSettings.PopAction.RECORD, SalesforceSettings.PopAction.NONE, "Lead", "Phone")),
                entry("taskStatus", "Not Started"),
                entry("subjectTemplate", "{direction}: {record}"),
                entry("activityDateZone", ZoneId.of("Europe/Berlin")),
                entry("invocationTimeout", Duration.ofSeconds(30)),
                entry("retry", new SalesforceSettings.Retry(Duration.ofSeconds(1), Duration.ofMinutes(1), 3)),
                entry("callScope", CallScope.NOT_STARTED_IN_OTHER_CRMS)),
                Map.of(),
                Map.ofEntries(
                        entry("apiVersion", 45),
                        entry("dispositionField", "Outcome"),
                        entry("taskStatus", " "),
                        entry("subjectTemplate", "{caller}"),
                        entry("invocationTimeout", Duration.ZERO)));
    }
}
