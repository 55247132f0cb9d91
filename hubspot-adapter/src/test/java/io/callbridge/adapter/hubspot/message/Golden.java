package io.callbridge.adapter.hubspot.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Access to the golden fixtures: one {@code <TYPE>.json} per message type and direction. */
final class Golden {

    static final JsonMapper JSON = JsonMapper.builder().build();

    enum Direction {
        TO_HUBSPOT("to-hubspot"),
        FROM_HUBSPOT("from-hubspot");

        final String folder;

        Direction(String folder) {
            this.folder = folder;
        }
    }

    private Golden() {
    }

    static Path folder(Direction direction) {
        URL url = Golden.class.getResource("/golden/hubspot/" + direction.folder);
        if (url == null) {
            throw new IllegalStateException("fixture folder missing for " + direction);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> typesWithFixtures(Direction direction) {
        try (Stream<Path> files = Files.list(folder(direction))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable copy of the fixture tree, so tests can break it. */
    static ObjectNode fixture(Direction direction, String type) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(folder(direction).resolve(type + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HubSpotMessage decode(HubSpotMessageCodec codec, Direction direction, JsonNode envelope) {
        String type = envelope.get("type").stringValue();
        JsonNode data = envelope.get("data");
        String dataJson = data == null ? null : JSON.writeValueAsString(data);
        return direction == Direction.TO_HUBSPOT
                ? codec.decodeMessage(type, dataJson)
                : codec.decodeEvent(type, dataJson);
    }
}
