package io.callbridge.adapter.hubspot.message;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Edits a fixture tree at a path written the way the codec reports it, e.g. {@code data.list[0].name}. */
final class FixturePaths {

    private FixturePaths() {
    }

    static void remove(ObjectNode root, String path) {
        Parent p = parent(root, path);
        if (p.index >= 0) {
            ((ArrayNode) p.node).remove(p.index);
        } else {
            ((ObjectNode) p.node).remove(p.name);
        }
    }

    static void replace(ObjectNode root, String path, JsonNode value) {
        Parent p = parent(root, path);
        if (p.index >= 0) {
            ((ArrayNode) p.node).set(p.index, value);
        } else {
            ((ObjectNode) p.node).set(p.name, value);
        }
    }

    private record Parent(JsonNode node, String name, int index) {
    }

    private static Parent parent(ObjectNode root, String path) {
        String[] segments = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            int index = bracket < 0 ? -1 : Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
            boolean last = i == segments.length - 1;
            if (last && index < 0) {
                return new Parent(node, name, -1);
            }
            JsonNode child = node.get(name);
            if (child == null) {
                throw new IllegalArgumentException("fixture has no " + path);
            }
            if (last) {
                return new Parent(child, name, index);
            }
            node = index < 0 ? child : child.get(index);
        }
        throw new IllegalArgumentException("empty path");
    }
}
