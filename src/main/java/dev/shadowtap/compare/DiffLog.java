package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * diffs.jsonl: one JSON object per line for each pair with a real difference:
 * {@code {"id", "endpoint", "request", "differences": [{"path", "field", "kind", "reference",
 * "candidate", "noise", "noise_reason"}]}} (values truncated to {@link Difference#MAX_VALUE_CHARS}).
 * Lines are streamed to {@code diffs.jsonl.partial} as pairs are compared, with every pair that has any
 * difference; {@link #finish} then writes diffs.jsonl, applying the noise learned since and keeping
 * only the pairs still holding a real difference. Memory stays flat whatever the run's length.
 */
public final class DiffLog implements CompareEngine.DiffSink, AutoCloseable {
    public static final String FILE = "diffs.jsonl";

    private final ObjectMapper json = new ObjectMapper();
    private final Path dir;
    private final Path partial;
    private final BufferedWriter out;
    private IOException failure;

    public DiffLog(Path dir) throws IOException {
        this.dir = dir;
        this.partial = dir.resolve(FILE + ".partial");
        this.out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(String id, String endpoint, String request, List<ClassifiedDifference> differences) {
        ObjectNode line = json.createObjectNode();
        line.put("id", id);
        line.put("endpoint", endpoint);
        line.put("request", request);
        ArrayNode list = line.putArray("differences");
        for (ClassifiedDifference c : differences) {
            Difference d = c.difference();
            ObjectNode item = list.addObject();
            item.put("path", d.path());
            item.put("field", d.field());
            item.put("kind", d.kind().label());
            item.put("reference", d.reference());
            item.put("candidate", d.candidate());
            item.put("noise", c.isNoise());
            if (c.isNoise()) {
                item.put("noise_reason", c.noise().label());
            } else {
                item.putNull("noise_reason");
            }
        }
        if (failure != null) {
            return;
        }
        try {
            out.write(json.writeValueAsString(line));
            out.write('\n');
        } catch (IOException e) {
            failure = e; // reported by finish(); the comparison itself goes on
        }
    }

    /** Writes diffs.jsonl from the partial file with the noise learned by now; removes the partial file. */
    public void finish(LearnedNoise learned) throws IOException {
        out.close();
        if (failure != null) {
            throw new IOException(partial + ": " + failure.getMessage(), failure);
        }
        try (BufferedReader in = Files.newBufferedReader(partial, StandardCharsets.UTF_8);
             BufferedWriter result = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null; ) {
                ObjectNode line = (ObjectNode) json.readTree(text);
                if (stillReal(line, learned)) {
                    result.write(json.writeValueAsString(line));
                    result.write('\n');
                }
            }
        }
        Files.deleteIfExists(partial);
    }

    /**
     * Marks the differences of {@code line} learned to be noise as such; true when one real difference is
     * left (the line belongs in diffs.jsonl).
     *
     * @throws IllegalArgumentException when the line is not one of diffs.jsonl
     */
    public static boolean stillReal(ObjectNode line, LearnedNoise learned) {
        JsonNode endpointNode = line.get("endpoint");
        JsonNode differences = line.get("differences");
        if (endpointNode == null || !endpointNode.isTextual() || differences == null || !differences.isArray()) {
            throw new IllegalArgumentException("no endpoint or differences");
        }
        String endpoint = endpointNode.asText();
        boolean real = false;
        for (JsonNode item : differences) {
            JsonNode noise = item.get("noise");
            JsonNode field = item.get("field");
            if (!item.isObject() || noise == null || !noise.isBoolean() || field == null || !field.isTextual()) {
                throw new IllegalArgumentException("a difference without its field or noise");
            }
            if (!noise.asBoolean()) {
                NoiseReason reason = learned.learned(endpoint, field.asText());
                if (reason == null) {
                    real = true;
                } else {
                    ((ObjectNode) item).put("noise", true).put("noise_reason", reason.label());
                }
            }
        }
        return real;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
