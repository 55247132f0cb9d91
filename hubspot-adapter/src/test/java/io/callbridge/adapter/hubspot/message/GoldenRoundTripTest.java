package io.callbridge.adapter.hubspot.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.message.Golden.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every wire message type, in both directions, survives decode → encode unchanged. */
class GoldenRoundTripTest {

    private final HubSpotMessageCodec codec = new HubSpotMessageCodec();

    @Test
    void everyToHubSpotTypeHasExactlyOneFixture() {
        assertThat(Golden.typesWithFixtures(Direction.TO_HUBSPOT))
                .containsExactlyInAnyOrderElementsOf(codec.toHubSpotTypes());
    }

    @Test
    void everyFromHubSpotTypeHasExactlyOneFixture() {
        assertThat(Golden.typesWithFixtures(Direction.FROM_HUBSPOT))
                .containsExactlyInAnyOrderElementsOf(codec.fromHubSpotTypes());
    }

    @Test
    void noTypeIsKnownInBothDirections() {
        assertThat(codec.toHubSpotTypes()).doesNotContainAnyElementsOf(codec.fromHubSpotTypes());
    }

    static List<Arguments> fixtures() {
        List<Arguments> all = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            for (String type : Golden.typesWithFixtures(direction)) {
                all.add(Arguments.of(direction, type));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void decodeThenEncodeGivesTheSameJson(Direction direction, String type) {
        ObjectNode fixture = Golden.fixture(direction, type);
        assertThat(fixture.get("type").stringValue()).as("type inside %s.json", type).isEqualTo(type);

        HubSpotMessage message = Golden.decode(codec, direction, fixture);

        assertThat(message.type()).isEqualTo(type);
        assertThat(message).isInstanceOf(direction == Direction.TO_HUBSPOT ? ToHubSpot.class : FromHubSpot.class);
        JsonNode encoded = Golden.JSON.readTree(codec.encode(message));
        assertThat(encoded).isEqualTo(fixture);
        // Decoding what we wrote gives the same value: encode loses nothing the model holds.
        assertThat(Golden.decode(codec, direction, encoded)).isEqualTo(message);
    }

    /** The bridge gets bytes, not trees: they are the fixture's, written compactly, in the fixture's key order. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void encodedBytesAreTheFixtureWrittenCompactly(Direction direction, String type) {
        ObjectNode fixture = Golden.fixture(direction, type);
        HubSpotMessage message = Golden.decode(codec, direction, fixture);

        assertThat(codec.encode(message)).isEqualTo(Golden.JSON.writeValueAsString(fixture));
        JsonNode data = fixture.get("data");
        assertThat(codec.encodeData(message)).isEqualTo(data == null ? null : Golden.JSON.writeValueAsString(data));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void encodeDataIsTheDataOfTheEnvelope(Direction direction, String type) {
        ObjectNode fixture = Golden.fixture(direction, type);
        HubSpotMessage message = Golden.decode(codec, direction, fixture);

        String data = codec.encodeData(message);

        if (fixture.has("data")) {
            assertThat(Golden.JSON.readTree(data)).isEqualTo(fixture.get("data"));
        } else {
            assertThat(data).isNull();
        }
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        List<ObjectNode> envelopes = new ArrayList<>();
        List<Direction> directions = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            for (String type : Golden.typesWithFixtures(direction)) {
                envelopes.add(Golden.fixture(direction, type));
                directions.add(direction);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < envelopes.size(); i++) {
                    ObjectNode envelope = envelopes.get(i);
                    Direction direction = directions.get(i);
                    results.add(pool.submit(() -> Golden.JSON.readTree(
                            codec.encode(Golden.decode(codec, direction, envelope))).equals(envelope)));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
