package io.callbridge.rest.hubspot.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.rest.hubspot.auth.Golden;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The settings bodies, against their golden fixtures. */
class ToolsWireGoldenTest {
    static final URI SOFTPHONE = URI.create("https://softphone.acme.example/static/hubspot/softphone.html");

    @Test
    void aNewAppsBodyIsTheFixture() {
        CallingSettings created = new CallingSettingsChange("Acme Phone", SOFTPHONE, null, null, null, null, null,
                null, null).toNew();
        assertThat(Golden.parse(created.toJson())).isEqualTo(Golden.tree("tools/calling-settings-create.json"));
    }

    @Test
    void hubSpotsAnswerIsReadAndAChangeSendsOnlyWhatDiffers() throws Exception {
        CallingSettings current = CallingSettings.parse(Golden.text("tools/calling-settings-response.json"));
        assertThat(current.name()).isEqualTo("Acme Phone");
        assertThat(current.width()).isEqualTo(400);
        CallingSettingsChange change = new CallingSettingsChange("Acme Phone", null, 360, 600, false, null, null, null,
                null);
        assertThat(Golden.parse(CallingSettings.json(change.differences(current))))
                .isEqualTo(Golden.tree("tools/calling-settings-patch.json"));
        assertThatThrownBy(() -> CallingSettings.parse("{\"name\":\"x\",\"url\":\"https://a.example\"}"))
                .hasMessageContaining("width");
    }

    @Test
    void theRecordingSettingsAreTheFixture() throws Exception {
        HubSpotCallingSettingsApi.RecordingSettings settings = new HubSpotCallingSettingsApi.RecordingSettings(
                "https://calls.acme.example/hubspot/recordings/%s");
        assertThat(Golden.parse(settings.toJson())).isEqualTo(Golden.tree("tools/recording-settings.json"));
        assertThat(HubSpotCallingSettingsApi.RecordingSettings.parse(Golden.text("tools/recording-settings.json")))
                .isEqualTo(settings);
    }

    @Test
    void hubSpotsValidationErrorNamesTheField() {
        HubSpotApiException e = new HubSpotApiException("creating the calling settings", 400,
                Golden.text("tools/api-error-validation.json"));
        assertThat(e.fields()).containsExactly("url");
        assertThat(e.category()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.getMessage()).isEqualTo("creating the calling settings: HubSpot answered 400 VALIDATION_ERROR: "
                + "url must be an https URL (fields: url) [correlationId c0ffee00-0000-4000-8000-000000000002]");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> new CallingSettingsChange(" ", null, null, null, null, null, null, null, null))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new CallingSettingsChange(null, URI.create("http://a.example"), null, null, null,
                null, null, null, null)).hasMessageContaining("url");
        assertThatThrownBy(() -> new CallingSettingsChange(null, null, 0, null, null, null, null, null, null))
                .hasMessageContaining("width");
        assertThatThrownBy(() -> CallingSettingsChange.NONE.toNew()).hasMessageContaining("name and url");
    }
}
