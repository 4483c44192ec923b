package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares two JSON documents field by field: a changed value, a changed type, a missing or extra
 * field, an array of another length, an array with the same elements in another order. Paths are
 * JSONPath-like: {@code $.items[3].price}, {@code $['odd key']}. Numbers compare by value
 * ({@code 10} equals {@code 10.0}). At most {@link #MAX_DIFFERENCES} differences are reported.
 */
public final class JsonDiff {
    /** The most differences reported for one pair of documents. */
    public static final int MAX_DIFFERENCES = 100;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonDiff() {
    }

    public static List<Difference> diff(JsonNode reference, JsonNode candidate) {
        List<Difference> out = new ArrayList<>();
        diff("$", reference, candidate, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (out.size() >= MAX_DIFFERENCES || same(a, b)) {
            return;
        }
        if (type(a) != type(b)) {
            out.add(new Difference(path, DiffKind.TYPE, a.toString(), b.toString()));
            return;
        }
        switch (type(a)) {
            case OBJECT -> objects(path, a, b, out);
            case ARRAY -> arrays(path, a, b, out);
            default -> out.add(new Difference(path, DiffKind.CHANGED, a.toString(), b.toString()));
        }
    }

    private static void objects(String path, JsonNode a, JsonNode b, List<Difference> out) {
        for (Map.Entry<String, JsonNode> field : a.properties()) {
            JsonNode other = b.get(field.getKey());
            String child = child(path, field.getKey());
            if (other == null) {
                add(out, new Difference(child, DiffKind.MISSING, field.getValue().toString(), ""));
            } else {
                diff(child, field.getValue(), other, out);
            }
        }
        for (Map.Entry<String, JsonNode> field : b.properties()) {
            if (a.get(field.getKey()) == null) {
                add(out, new Difference(child(path, field.getKey()), DiffKind.EXTRA, "", field.getValue().toString()));
            }
        }
    }

    private static void arrays(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a.size() == b.size() && sameElements(a, b)) {
            add(out, new Difference(path, DiffKind.ORDER, a.toString(), b.toString()));
            return;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            diff(path + "[" + i + "]", a.get(i), b.get(i), out);
        }
        if (a.size() != b.size()) {
            add(out, new Difference(path, DiffKind.LENGTH, String.valueOf(a.size()), String.valueOf(b.size())));
        }
    }

    /** The same elements, counted, in any order. */
    private static boolean sameElements(JsonNode a, JsonNode b) {
        Map<JsonNode, Integer> counts = new HashMap<>();
        a.forEach(n -> counts.merge(n, 1, Integer::sum));
        for (JsonNode n : b) {
            Integer left = counts.get(n);
            if (left == null) {
                return false;
            }
            if (left == 1) {
                counts.remove(n);
            } else {
                counts.put(n, left - 1);
            }
        }
        return counts.isEmpty();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static JsonNodeType type(JsonNode node) {
        return node.getNodeType() == JsonNodeType.POJO ? JsonNodeType.OBJECT : node.getNodeType();
    }

    private static void add(List<Difference> out, Difference difference) {
        if (out.size() < MAX_DIFFERENCES) {
            out.add(difference);
        }
    }

    /** {@code $.name}, or {@code $['odd name']} when the name is not a plain identifier. */
    static String child(String path, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return path + "." + name;
        }
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
