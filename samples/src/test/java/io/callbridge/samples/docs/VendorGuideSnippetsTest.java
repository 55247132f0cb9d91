package io.callbridge.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of {@code docs/vendor-guide.md} is a marked region of a source file that this module's tests
 * compile, so the guide's code cannot drift from code that builds. A block is preceded by
 * {@code <!-- snippet: path/under/src/test/java/File.java#region -->} (or
 * {@code <!-- snippet: examples/…/File.java#region -->} for a file of the example vendor project); the region is every part of the file between
 * {@code // tag::region[]} and {@code // end::region[]} (several parts are joined by a blank line), each part with
 * its common indentation removed. To change a snippet, change the source file and paste the region into the guide.
 */
class VendorGuideSnippetsTest {
    static final Path GUIDE = Path.of("..", "docs", "vendor-guide.md");
    static final Path SOURCES = Path.of("src", "test", "java");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#([A-Za-z0-9_-]+) -->");

    record Block(int line, String marker, String code) {
    }

    @Test
    void everyJavaBlockOfTheGuideIsAMarkedRegionOfACompiledSource() throws IOException {
        List<Block> blocks = javaBlocks(Files.readAllLines(GUIDE, StandardCharsets.UTF_8));
        assertThat(blocks).as("Java blocks in the guide").hasSizeGreaterThanOrEqualTo(5);
        for (Block block : blocks) {
            Matcher m = MARKER.matcher(block.marker());
            assertThat(m.matches())
                    .as("the Java block at vendor-guide.md line %d must follow a line <!-- snippet: "
                            + "com/acme/phone/File.java#region --> naming the source it is copied from, but follows"
                            + " '%s'", block.line(), block.marker())
                    .isTrue();
            Path source = source(m.group(1));
            assertThat(source).as("snippet source of line %d", block.line()).isRegularFile();
            assertThat(block.code()).as("vendor-guide.md line %d against %s#%s", block.line(), m.group(1),
                    m.group(2)).isEqualTo(region(Files.readAllLines(source, StandardCharsets.UTF_8), m.group(2)));
        }
    }

    @Test
    void regionsAreCutAndDedentedAsTheGuideShowsThem() {
        List<String> file = List.of("package p;", "// tag::r[]", "import a.B;", "// end::r[]", "class C {",
                "    void m() {", "        // tag::r[]", "        B b = new B();", "          b.go();",
                "        // end::r[]", "    }", "}");
        assertThat(region(file, "r")).isEqualTo("import a.B;\n\nB b = new B();\n  b.go();");
        assertThat(javaBlocks(List.of("text", "<!-- snippet: x/Y.java#r -->", "```java", "int a;", "```", "```xml",
                "<a/>", "```"))).containsExactly(new Block(3, "<!-- snippet: x/Y.java#r -->", "int a;"));
    }

    /**
     * A marker's file: under this module's test sources, or, for a path starting with {@code examples/}, in the
     * example vendor project (which its own module compiles and tests).
     */
    static Path source(String path) {
        return path.startsWith("examples/") ? Path.of("..").resolve(path) : SOURCES.resolve(path);
    }

    static List<Block> javaBlocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            String marker = i > 0 ? lines.get(i - 1).strip() : "";
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            blocks.add(new Block(i + 1, marker, String.join("\n", lines.subList(start, end))));
            i = end;
        }
        return blocks;
    }

    static String region(List<String> file, String name) {
        String open = "// tag::" + name + "[]";
        String close = "// end::" + name + "[]";
        List<String> parts = new ArrayList<>();
        List<String> part = null;
        for (String line : file) {
            if (line.strip().equals(open)) {
                part = new ArrayList<>();
            } else if (line.strip().equals(close)) {
                if (part != null) {
                    parts.add(dedent(part));
                }
                part = null;
            } else if (part != null) {
                part.add(line);
            }
        }
        assertThat(parts).as("region %s", name).isNotEmpty();
        return String.join("\n\n", parts);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
