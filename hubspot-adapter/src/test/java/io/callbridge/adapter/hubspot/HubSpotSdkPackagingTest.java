package io.callbridge.adapter.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SDK comes from npm at build time, pinned and integrity-checked, and lands where the transport serves it. */
class HubSpotSdkPackagingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path NPM = Path.of("src/main/npm");

    @Test
    void theBuildPutsTheSdkBundleWhereTheTransportServesStaticFiles() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/callbridge/static/hubspot/calling-extensions-sdk.js")) {
            assertThat(in).as("run the Maven build: it fetches the SDK with npm").isNotNull();
            String bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The UMD bundle of 0.9.7 exposes these on window when loaded with a plain <script>.
            assertThat(bundle).contains("IFrameManager").contains("SYNC_ACK").contains("DIAL_NUMBER");
        }
    }

    @Test
    void theVersionIsPinnedAndLockedWithAnIntegrityHashAndNoRegistryAddress() throws IOException {
        JsonNode manifest = JSON.readTree(Files.readString(NPM.resolve("package.json")));
        assertThat(manifest.get("dependencies").get("@hubspot/calling-extensions-sdk").asString()).isEqualTo("0.9.7");

        String lockText = Files.readString(NPM.resolve("package-lock.json"));
        JsonNode locked = JSON.readTree(lockText).get("packages").get("node_modules/@hubspot/calling-extensions-sdk");
        assertThat(locked.get("version").asString()).isEqualTo("0.9.7");
        assertThat(locked.get("integrity").asString()).startsWith("sha512-");
        assertThat(lockText).doesNotContain("\"resolved\"").doesNotContain("://");
        assertThat(Files.readString(NPM.resolve(".npmrc"))).contains("omit-lockfile-registry-resolved=true");
    }
}
