package io.callbridge.adapter.salesforce.callcenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallCenterDefinitionToolTest {

    @TempDir
    Path dir;

    private final CallCenterDefinitionTool tool = new CallCenterDefinitionTool();

    private String[] args(Path out, String... extra) {
        List<String> all = new ArrayList<>(List.of(
                "--internal-name", "acmeDialer",
                "--display-name", "Acme Dialer",
                "--adapter-url", "https://softphone.acme.example/salesforce",
                "--out", out.toString()));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void writesTheGoldenFileAndSaysWhere() throws IOException {
        Path out = dir.resolve("acme.xml");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = tool.run(args(out));
        } finally {
            System.setOut(original);
        }

        assertThat(status).isEqualTo(CallCenterDefinitionTool.OK);
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo(CallCenterDefinitionTest.golden("minimal.xml"));
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .isEqualTo("Call-center definition written to " + out + System.lineSeparator());
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void acceptsEqualsSyntaxSizesAndStandby() throws IOException {
        Path out = dir.resolve("eu.xml");
        int status = tool.run(args(out, "--height=600", "--width", "400",
                "--standby-url", "https://standby.acme.example/", "--timeout-ms", "5000"));

        assertThat(status).isZero();
        assertThat(Files.readString(out))
                .contains(">600</item>", ">400</item>", "name=\"reqStandbyUrl\"", ">5000</item>");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path out = dir.resolve("acme.xml");
        Files.writeString(out, "old");
        assertThat(tool.run(args(out))).isZero();
        assertThat(Files.readString(out)).startsWith("<?xml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http adapter URL      | --adapter-url  | http://softphone.acme.example/
            blank display name    | --display-name | ' '
            bad internal name     | --internal-name| acme-dialer
            height too small      | --height       | 100
            width too large       | --width        | 5000
            height not a number   | --height       | tall
            standby without time  | --standby-url  | https://standby.acme.example/
            unknown option        | --colour       | blue
            another unknown one  | --api-key      | abc
            """)
    void badInputIsAUsageErrorAndWritesNothing(String what, String option, String value) {
        Path out = dir.resolve("bad.xml");
        List<String> all = new ArrayList<>(List.of(args(out)));
        int existing = all.indexOf(option);
        if (existing >= 0) {
            all.set(existing + 1, value);
        } else {
            all.add(option);
            all.add(value);
        }

        assertThat(tool.run(all.toArray(String[]::new))).isEqualTo(CallCenterDefinitionTool.USAGE);
        assertThat(out).doesNotExist();
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        assertThat(tool.run(new String[0])).isEqualTo(CallCenterDefinitionTool.USAGE);
        assertThat(tool.run(new String[] {"--internal-name", "acme", "--display-name", "Acme",
                "--adapter-url", "https://a.example/"})).isEqualTo(CallCenterDefinitionTool.USAGE);
        assertThat(tool.run(new String[] {"--display-name", "Acme", "--adapter-url", "https://a.example/",
                "--out", dir.resolve("x.xml").toString()})).isEqualTo(CallCenterDefinitionTool.USAGE);
        assertThat(tool.run(new String[] {"--out"})).isEqualTo(CallCenterDefinitionTool.USAGE);
        assertThat(tool.run(args(dir.resolve("y.xml"), "--height", "300", "--height", "400")))
                .isEqualTo(CallCenterDefinitionTool.USAGE);
    }

    @Test
    void helpPrintsTheUsageAndWritesNothing() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"},
                new String[] {"--internal-name", "acme", "--help"}, new String[] {"--height=5", "-h"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = tool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).as(String.join(" ", args)).isEqualTo(CallCenterDefinitionTool.OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(CallCenterDefinitionTool.USAGE_TEXT)
                    .startsWith("Usage: ").contains("--internal-name NAME", "--adapter-url URL", "--out FILE",
                            "--standby-url URL", "--timeout-ms MS", "--help, -h", "Exit status");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void helpAsTheValueOfAnotherOptionIsThatValue() {
        assertThat(CallCenterDefinitionTool.asksForHelp(new String[] {"--display-name", "-h"})).isFalse();
        assertThat(CallCenterDefinitionTool.asksForHelp(new String[] {"--display-name", "x", "-h"})).isTrue();
    }

    @Test
    void aUsageErrorSaysWhatIsWrongAndShowsTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = tool.run(new String[] {"--internal-name", "acme"}, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(CallCenterDefinitionTool.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --out is required")
                .endsWith(CallCenterDefinitionTool.USAGE_TEXT);
    }

    @Test
    void unwritableTargetIsAnIoError() {
        Path out = dir.resolve("no-such-dir").resolve("acme.xml");
        assertThat(tool.run(args(out))).isEqualTo(CallCenterDefinitionTool.IO_ERROR);
    }
}
