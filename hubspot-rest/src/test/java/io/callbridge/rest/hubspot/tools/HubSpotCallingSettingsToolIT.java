package io.callbridge.rest.hubspot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.crmsim.rest.hubspot.HubSpotCallingSettingsSimulator;
import io.callbridge.rest.hubspot.auth.SimulatedHubSpot;
import io.callbridge.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool against the simulated calling-settings API, through real HTTP. */
class HubSpotCallingSettingsToolIT {
    static final String KEY = "dev-api-key-never-printed-5e1a";
    static final String SOFTPHONE = "https://softphone.acme.example/static/hubspot/softphone.html";
    static final String RECORDINGS = "https://calls.acme.example/hubspot/recordings/%s";

    final MutableClock clock = MutableClock.atDefaultStart();
    final HubSpotCallingSettingsSimulator hubspot = new HubSpotCallingSettingsSimulator(123456L, KEY, clock);
    SimulatedHubSpot simulated;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        simulated = new SimulatedHubSpot(hubspot);
    }

    @AfterEach
    void stop() throws Exception {
        simulated.close();
    }

    int run(String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of("--api-base-url", simulated.uri().toString()));
        all.addAll(List.of(args));
        return new HubSpotCallingSettingsTool().run(all.toArray(String[]::new),
                Map.of(HubSpotCallingSettingsTool.KEY_VARIABLE, KEY), print(out), print(err));
    }

    static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(new HubSpotCallingSettingsTool().run(new String[] {"--help"}, Map.of(), print(out), print(err)))
                .isEqualTo(HubSpotCallingSettingsTool.OK);
        assertThat(out()).startsWith("Usage:").contains("--recording-url-template");
    }

    @Test
    void createsTheSettingsThenChangesOnlyWhatDiffers() {
        assertThat(run("--app-id", "123456", "--name", "Acme Phone", "--url", SOFTPHONE,
                "--recording-url-template", RECORDINGS)).as(err()).isEqualTo(HubSpotCallingSettingsTool.OK);
        assertThat(out()).contains("Created").contains("name: 'Acme Phone'").contains("width: 400")
                .contains("urlToRetrieveAuthedRecording: " + RECORDINGS);
        Map<String, Object> created = hubspot.settings().orElseThrow();
        assertThat(created).containsEntry("name", "Acme Phone").containsEntry("url", SOFTPHONE)
                .containsEntry("width", 400).containsEntry("height", 600).containsEntry("isReady", true)
                .containsEntry("supportsInboundCalling", true).containsEntry("usesRemote", true)
                .containsEntry("usesCallingWindow", false).containsEntry("supportsCustomObjects", false);
        assertThat(hubspot.recordingUrlTemplate()).contains(RECORDINGS);
        assertThat(hubspot.requests()).containsExactly("GET /settings", "POST /settings", "GET /settings/recording",
                "POST /settings/recording");

        assertThat(run("--app-id", "123456", "--width=360", "--is-ready", "false", "--name", "Acme Phone"))
                .as(err()).isEqualTo(HubSpotCallingSettingsTool.OK);
        assertThat(out()).contains("Updated").contains("width: 400 -> 360").contains("isReady: true -> false")
                .doesNotContain("name:");
        assertThat(hubspot.settings().orElseThrow()).containsEntry("width", 360).containsEntry("isReady", false)
                .containsEntry("height", 600);

        assertThat(run("--app-id", "123456", "--width", "360")).isEqualTo(HubSpotCallingSettingsTool.OK);
        assertThat(out()).contains("Nothing to change");
        assertThat(hubspot.requests().stream().filter(r -> r.startsWith("PATCH"))).hasSize(1);

        String moved = "https://calls2.acme.example/hubspot/recordings/%s";
        assertThat(run("--app-id", "123456", "--recording-url-template", moved)).isEqualTo(0);
        assertThat(out()).contains("urlToRetrieveAuthedRecording: " + RECORDINGS + " -> " + moved);
        assertThat(hubspot.recordingUrlTemplate()).contains(moved);
    }

    @Test
    void badInputIsRefusedBeforeAnyRequestNamingTheOption() {
        assertThat(run("--app-id", "123456", "--name", "X", "--url", SOFTPHONE, "--width", "wide")).isEqualTo(2);
        assertThat(err()).contains("--width must be a whole number");
        assertThat(run("--app-id", "123456", "--name", "X", "--url", "http://softphone.acme.example/")).isEqualTo(2);
        assertThat(err()).contains("--url must be an https URL");
        assertThat(run("--app-id", "123456", "--is-ready", "yes")).isEqualTo(2);
        assertThat(err()).contains("--is-ready must be true or false");
        assertThat(run("--app-id", "123456", "--recording-url-template", "https://calls.acme.example/r"))
                .isEqualTo(2);
        assertThat(err()).contains("containing %s");
        assertThat(run("--app-id", "123456", "--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("unknown option --colour");
        assertThat(run("--name", "X")).isEqualTo(2);
        assertThat(err()).contains("--app-id is required");
        assertThat(new HubSpotCallingSettingsTool().run(new String[] {"--app-id", "1"}, Map.of(), print(out),
                print(err))).isEqualTo(2);
        assertThat(err()).contains(HubSpotCallingSettingsTool.KEY_VARIABLE);
        assertThat(hubspot.requests()).isEmpty();

        assertThat(run("--app-id", "123456", "--width", "360")).isEqualTo(2);
        assertThat(err()).contains("name and url must be given to create them");
    }

    @Test
    void hubSpotsRefusalIsPrintedWithItsCategoryAndTheKeyNever() {
        int status = new HubSpotCallingSettingsTool().run(new String[] {"--api-base-url", simulated.uri().toString(),
            "--app-id", "123456", "--name", "X", "--url", SOFTPHONE}, Map.of(HubSpotCallingSettingsTool.KEY_VARIABLE,
                "wrong-key"), print(out), print(err));
        assertThat(status).isEqualTo(HubSpotCallingSettingsTool.REFUSED);
        assertThat(err()).contains("401").contains("INVALID_AUTHENTICATION").doesNotContain("wrong-key");

        assertThat(run("--app-id", "999", "--name", "X", "--url", SOFTPHONE)).isEqualTo(3);
        assertThat(err()).contains("404").contains("OBJECT_NOT_FOUND").doesNotContain(KEY);
        assertThat(out()).doesNotContain(KEY);
    }

    @Test
    void anUnreachableHubSpotIsExitStatusOne() throws Exception {
        String base = simulated.uri().toString();
        simulated.close();
        int status = new HubSpotCallingSettingsTool().run(new String[] {"--api-base-url", base, "--app-id", "1",
            "--name", "X", "--url", SOFTPHONE}, Map.of(HubSpotCallingSettingsTool.KEY_VARIABLE, KEY), print(out),
                print(err));
        assertThat(status).isEqualTo(HubSpotCallingSettingsTool.FAILED);
        assertThat(err()).contains("could not be reached").doesNotContain(KEY);
        simulated = new SimulatedHubSpot(hubspot);
    }
}
