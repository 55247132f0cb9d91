package io.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The vendor guide's table of configuration keys is the loader's own list: this test fails when they differ and
 * writes the table it expects to {@code target/configuration-keys.md}, to paste between the markers.
 */
class ConfigurationKeysDocTest {
    static final String START = "<!-- configuration-keys:start (generated from CallbridgeConfiguration.keys(); "
            + "ConfigurationKeysDocTest checks it) -->";
    static final String END = "<!-- configuration-keys:end -->";

    static String table() {
        StringBuilder out = new StringBuilder();
        out.append("| property in the file | environment variable | value | default | what it sets |\n");
        out.append("|---|---|---|---|---|\n");
        for (CallbridgeConfiguration.Key key : CallbridgeConfiguration.keys()) {
            out.append("| `").append(key.property()).append("` | `").append(key.environmentVariable()).append("` | ")
                    .append(escape(key.type())).append(key.secret() ? " (secret, never shown)" : "").append(" | ")
                    .append(escape(key.defaultValue())).append(" | ").append(escape(key.description()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    @Test
    void theVendorGuideListsExactlyTheKeysTheLoaderKnows() throws IOException {
        String expected = table();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "configuration-keys.md"), expected, StandardCharsets.UTF_8);
        String guide = Files.readString(Path.of("..", "docs", "vendor-guide.md"), StandardCharsets.UTF_8);
        int start = guide.indexOf(START);
        int end = guide.indexOf(END);
        assertThat(start).as("the start marker in docs/vendor-guide.md").isNotNegative();
        assertThat(end).as("the end marker in docs/vendor-guide.md").isGreaterThan(start);
        assertThat(guide.substring(start + START.length(), end).strip())
                .as("the keys table in docs/vendor-guide.md (the expected one is in target/configuration-keys.md)")
                .isEqualTo(expected.strip());
    }
}
