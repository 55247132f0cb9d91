package io.callbridge.rest.hubspot.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The golden fixtures under {@code /golden/hubspot-rest/}. */
public final class Golden {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Golden() {
    }

    public static String text(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/hubspot-rest/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String path) {
        return JSON.readTree(text(path));
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
