package io.callbridge.adapter.salesforce.opencti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every wire message of the Open CTI model has a golden JSON fixture, and each fixture survives
 * decode → encode unchanged. A fixture file is named after its method or event, optionally followed by
 * {@code --variant}.
 */
class OpenCtiGoldenFixturesTest {

    private static final String ROOT = "/golden/opencti/";
    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    private final OpenCtiCodec codec = new OpenCtiCodec();

    static Stream<Path> invocationFixtures() {
        return fixtures("invocations").stream();
    }

    static Stream<Path> eventFixtures() {
        return fixtures("events").stream();
    }

    static Stream<Path> outcomeFixtures() {
        return fixtures("outcomes").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocationFixtures")
    void invocationRoundTrips(Path fixture) {
        JsonNode golden = codec.parse(read(fixture));
        OpenCtiInvocation decoded = codec.decodeInvocation(golden);

        assertThat(decoded.method()).isEqualTo(subject(fixture));
        assertThat(codec.invocationTree(decoded)).isEqualTo(golden);
        assertThat(codec.decodeInvocation(codec.encodeInvocation(decoded))).isEqualTo(decoded);
    }

    /** The bridge gets the bytes, not the tree: they must be the fixture's, written compactly, key for key. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invocationFixtures")
    void invocationBytesAreTheFixtureWrittenCompactly(Path fixture) {
        JsonNode golden = codec.parse(read(fixture));
        OpenCtiInvocation decoded = codec.decodeInvocation(golden);

        assertThat(codec.encodeInvocation(decoded)).isEqualTo(COMPACT.writeValueAsString(golden));
        assertThat(codec.encodeArgs(decoded)).isEqualTo(COMPACT.writeValueAsString(golden.get("args")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFixtures")
    void eventRoundTrips(Path fixture) {
        JsonNode golden = codec.parse(read(fixture));
        OpenCtiEvent decoded = codec.decodeEvent(golden);

        assertThat(decoded.event()).isEqualTo(subject(fixture));
        assertThat(codec.eventTree(decoded)).isEqualTo(golden);
        assertThat(codec.decodeEvent(codec.encodeEvent(decoded))).isEqualTo(decoded);
    }

    /** The return values in Salesforce's documented shapes are what the flow's readers understand. */
    @Test
    void documentedReturnValuesAreReadByTheFlow() {
        OpenCtiResult search = (OpenCtiResult) codec.decodeOutcome(read(outcome("success--searchAndScreenPop")));
        assertThat(codec.searchMatches(search)).containsExactly(
                new SearchMatch("001x0000003DGQR", "Grace Hopper", "Account", true, "003x0000004TmiR"),
                new SearchMatch("001x0000003DGQS", "Analytical Engines Ltd", "Account"));
        OpenCtiResult view = (OpenCtiResult) codec.decodeOutcome(read(outcome("success--getAppViewInfo")));
        assertThat(codec.appViewInfo(view)).hasValueSatisfying(n -> {
            assertThat(n.recordId()).isEqualTo("003xx000004TmiQAAS");
            assertThat(n.objectType()).isEqualTo("Contact");
            assertThat(n.personAccount()).isNull();
        });
    }

    private static Path outcome(String name) {
        return fixtures("outcomes").stream().filter(p -> p.getFileName().toString().equals(name + ".json"))
                .findFirst().orElseThrow(() -> new AssertionError("no outcome fixture " + name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomeFixtures")
    void outcomeRoundTrips(Path fixture) {
        JsonNode golden = codec.parse(read(fixture));
        InvocationOutcome decoded = codec.decodeOutcome(golden);

        assertThat(codec.outcomeTree(decoded)).isEqualTo(golden);
        assertThat(codec.decodeOutcome(codec.encodeOutcome(decoded))).isEqualTo(decoded);
    }

    @Test
    void everyMethodTheCodecKnowsHasAFixtureAndNoFixtureIsStray() {
        assertThat(subjects("invocations")).isEqualTo(new TreeSet<>(OpenCtiCodec.methods()));
    }

    @Test
    void everyEventTheCodecKnowsHasAFixtureAndNoFixtureIsStray() {
        assertThat(subjects("events")).isEqualTo(new TreeSet<>(OpenCtiCodec.events()));
    }

    /** Catches a new record (e.g. a screen-pop type) that shares a method name with a covered one. */
    @Test
    void everyInvocationAndEventTypeIsCoveredByAFixture() {
        Set<Class<?>> covered = new TreeSetOfClasses();
        fixtures("invocations").forEach(f -> covered.add(codec.decodeInvocation(read(f)).getClass()));
        fixtures("events").forEach(f -> covered.add(codec.decodeEvent(read(f)).getClass()));

        Set<Class<?>> expected = new TreeSetOfClasses();
        expected.addAll(leafTypes(OpenCtiInvocation.class));
        expected.addAll(leafTypes(OpenCtiEvent.class));
        assertThat(covered).isEqualTo(expected);
    }

    @Test
    void outcomeFixturesCoverSuccessFailureAndEveryLocalFailureKind() {
        List<InvocationOutcome> outcomes = fixtures("outcomes").stream()
                .map(f -> codec.decodeOutcome(read(f)))
                .toList();

        assertThat(outcomes).anyMatch(o -> o instanceof OpenCtiResult r && r.success());
        assertThat(outcomes).anyMatch(o -> o instanceof OpenCtiResult r && !r.success() && !r.errors().isEmpty());
        assertThat(outcomes.stream()
                .flatMap(o -> o instanceof OpenCtiResult r ? r.errors().stream() : Stream.empty())
                .map(OpenCtiError::code)
                .collect(Collectors.toSet()))
                .contains(OpenCtiError.Code.UNKNOWN);
        assertThat(outcomes.stream()
                .flatMap(o -> o instanceof LocalFailure l ? Stream.of(l.kind()) : Stream.empty())
                .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(LocalFailure.Kind.values());
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static List<Path> fixtures(String kind) {
        URL url = OpenCtiGoldenFixturesTest.class.getResource(ROOT + kind);
        assertThat(url).as("fixture directory %s", kind).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** File name without {@code .json} and without any {@code --variant}. */
    private static String subject(Path fixture) {
        String name = fixture.getFileName().toString();
        name = name.substring(0, name.length() - ".json".length());
        int variant = name.indexOf("--");
        return variant < 0 ? name : name.substring(0, variant);
    }

    private static Set<String> subjects(String kind) {
        return fixtures(kind).stream().map(OpenCtiGoldenFixturesTest::subject)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String read(Path fixture) {
        try {
            return Files.readString(fixture, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Class<?>> leafTypes(Class<?> sealedType) {
        Set<Class<?>> leaves = new TreeSetOfClasses();
        Class<?>[] permitted = sealedType.getPermittedSubclasses();
        if (permitted == null) {
            leaves.add(sealedType);
            return leaves;
        }
        Arrays.stream(permitted).forEach(sub -> leaves.addAll(leafTypes(sub)));
        return leaves;
    }

    /** Sorted by name so a failing comparison is readable. */
    private static final class TreeSetOfClasses extends TreeSet<Class<?>> {
        private static final long serialVersionUID = 1L;

        TreeSetOfClasses() {
            super((a, b) -> a.getName().compareTo(b.getName()));
        }
    }
}
