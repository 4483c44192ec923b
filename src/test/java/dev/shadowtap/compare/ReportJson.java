package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** Reading a comparison report's {@code summary.json} in tests: the whole, one endpoint, one field. */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    /** {@code DIR/summary.json}. */
    public static JsonNode summary(Path report) throws IOException {
        return JSON.readTree(report.resolve("summary.json").toFile());
    }

    /** The summary's endpoint called {@code name}; an assertion error naming what there is when none is. */
    public static JsonNode endpoint(JsonNode summary, String name) {
        for (JsonNode e : summary.get("endpoints")) {
            if (e.get("endpoint").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no endpoint " + name + " in " + summary);
    }

    /** The endpoint's field at {@code path}; an assertion error naming what there is when none is. */
    public static JsonNode field(JsonNode endpoint, String path) {
        for (JsonNode f : endpoint.get("fields")) {
            if (f.get("field").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no field " + path + " in " + endpoint);
    }
}
