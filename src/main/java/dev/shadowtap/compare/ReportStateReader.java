package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtap.core.Reason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads back the {@code merge} object {@link ReportStateJson} wrote. Every value is checked: a missing
 * or ill-typed one is refused with its path ({@code merge.endpoints[2].compared: not a count}).
 */
public final class ReportStateReader {
    /** A value of the report that is missing or not what it must be; the message names where. */
    public static final class BadStateException extends Exception {
        public BadStateException(String message) {
            super(message);
        }
    }

    /** A report's state and the shadowtap version that wrote it. */
    public record Stored(String version, ReportState state) {
    }

    private ReportStateReader() {
    }

    /** Reads {@code node}, the {@code merge} object of a summary.json of {@link ReportStateJson#FORMAT}. */
    public static Stored read(JsonNode node) throws BadStateException {
        String at = ReportStateJson.KEY;
        object(node, at);
        long format = count(node.get("format"), at + ".format");
        if (format != ReportStateJson.FORMAT) {
            throw new BadStateException("report format " + format + ", this shadowtap reads format "
                    + ReportStateJson.FORMAT);
        }
        String version = text(node.get("version"), at + ".version");
        JsonNode gate = object(node.get("gate"), at + ".gate");
        JsonNode failAbove = gate.get("fail_above");
        OptionalDouble rate;
        if (failAbove == null || failAbove.isNull()) {
            rate = OptionalDouble.empty();
        } else if (failAbove.isNumber() && failAbove.asDouble() >= 0 && failAbove.asDouble() <= 1) {
            rate = OptionalDouble.of(failAbove.asDouble());
        } else {
            throw new BadStateException(at + ".gate.fail_above: not a rate from 0 to 1");
        }
        List<String> ignore = new ArrayList<>();
        for (JsonNode rule : array(gate.get("ignore"), at + ".gate.ignore")) {
            ignore.add(text(rule, at + ".gate.ignore[]"));
        }
        Map<Reason, Long> unpaired = new EnumMap<>(Reason.class);
        for (Map.Entry<String, JsonNode> e : object(node.get("unpaired"), at + ".unpaired").properties()) {
            unpaired.put(reason(e.getKey(), at + ".unpaired"), count(e.getValue(), at + ".unpaired." + e.getKey()));
        }
        Map<String, Map<String, NoiseReason>> learned = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : object(node.get("learned"), at + ".learned").properties()) {
            Map<String, NoiseReason> fields = new HashMap<>();
            for (Map.Entry<String, JsonNode> f : object(e.getValue(), at + ".learned." + e.getKey()).properties()) {
                fields.put(f.getKey(), noise(text(f.getValue(), at + ".learned"), at + ".learned"));
            }
            learned.put(e.getKey(), fields);
        }
        List<EndpointState> endpoints = new ArrayList<>();
        JsonNode list = array(node.get("endpoints"), at + ".endpoints");
        for (int i = 0; i < list.size(); i++) {
            endpoints.add(endpoint(list.get(i), at + ".endpoints[" + i + "]"));
        }
        return new Stored(version, new ReportState(new ReportState.Gate(rate, ignore), unpaired, endpoints,
                LearnedNoise.of(learned)));
    }

    private static EndpointState endpoint(JsonNode node, String at) throws BadStateException {
        object(node, at);
        Map<Set<String>, Long> signatures = new HashMap<>();
        for (JsonNode s : array(node.get("signatures"), at + ".signatures")) {
            Set<String> real = new TreeSet<>();
            for (JsonNode f : array(s.get("real"), at + ".signatures[].real")) {
                real.add(text(f, at + ".signatures[].real[]"));
            }
            signatures.merge(Set.copyOf(real), count(s.get("pairs"), at + ".signatures[].pairs"), Long::sum);
        }
        Map<String, FieldState> fields = new LinkedHashMap<>();
        for (JsonNode f : array(node.get("fields"), at + ".fields")) {
            String name = text(f.get("field"), at + ".fields[].field");
            fields.put(name, field(f, at + ".fields[" + name + "]"));
        }
        JsonNode pair = node.get("pair");
        return new EndpointState(text(node.get("endpoint"), at + ".endpoint"), count(node.get("compared"), at + ".compared"),
                count(node.get("unanswered"), at + ".unanswered"), fields, signatures,
                count(node.get("unsettled_differing"), at + ".unsettled_differing"),
                statuses(node.get("status_reference"), at + ".status_reference"),
                statuses(node.get("status_candidate"), at + ".status_candidate"),
                histogram(node.get("latency_reference"), at + ".latency_reference"),
                histogram(node.get("latency_candidate"), at + ".latency_candidate"),
                pair == null ? null : pair(pair, at + ".pair"));
    }

    /** The example pair; reports written before it existed have none. */
    private static ExamplePair pair(JsonNode node, String at) throws BadStateException {
        object(node, at);
        List<String> real = new ArrayList<>();
        for (JsonNode p : array(node.get("real"), at + ".real")) {
            real.add(text(p, at + ".real[]"));
        }
        List<String> noise = new ArrayList<>();
        for (JsonNode p : array(node.get("noise"), at + ".noise")) {
            noise.add(text(p, at + ".noise[]"));
        }
        return new ExamplePair(text(node.get("id"), at + ".id"), text(node.get("request"), at + ".request"),
                side(node.get("reference"), at + ".reference"), side(node.get("candidate"), at + ".candidate"), real, noise);
    }

    private static ExamplePair.Side side(JsonNode node, String at) throws BadStateException {
        object(node, at);
        List<dev.shadowtap.http.HttpHeader> headers = new ArrayList<>();
        for (JsonNode h : array(node.get("headers"), at + ".headers")) {
            if (!h.isArray() || h.size() != 2) {
                throw new BadStateException(at + ".headers[]: not a [name, value] list");
            }
            headers.add(new dev.shadowtap.http.HttpHeader(text(h.get(0), at + ".headers[]"), text(h.get(1), at + ".headers[]")));
        }
        long status = count(node.get("status"), at + ".status");
        long length = count(node.get("length"), at + ".length");
        byte[] body;
        try {
            body = java.util.Base64.getDecoder().decode(text(node.get("body"), at + ".body"));
        } catch (IllegalArgumentException e) {
            throw new BadStateException(at + ".body: not base64");
        }
        if (status > 999 || body.length > ExamplePair.MAX_BODY || length < body.length) {
            throw new BadStateException(at + ": " + (status > 999 ? "not a status code"
                    : body.length > ExamplePair.MAX_BODY ? "body over " + ExamplePair.MAX_BODY + " bytes"
                    : "length below the body's"));
        }
        return new ExamplePair.Side((int) status, headers, body, length);
    }

    private static FieldState field(JsonNode node, String at) throws BadStateException {
        Set<String> kinds = new TreeSet<>();
        for (JsonNode k : array(node.get("kinds"), at + ".kinds")) {
            kinds.add(text(k, at + ".kinds[]"));
        }
        Map<NoiseReason, Long> noise = new EnumMap<>(NoiseReason.class);
        for (Map.Entry<String, JsonNode> e : object(node.get("noise"), at + ".noise").properties()) {
            noise.put(noise(e.getKey(), at + ".noise"), count(e.getValue(), at + ".noise." + e.getKey()));
        }
        List<CompareSummary.Example> examples = new ArrayList<>();
        for (JsonNode x : array(node.get("examples"), at + ".examples")) {
            String w = at + ".examples[]";
            examples.add(new CompareSummary.Example(text(x.get("id"), w + ".id"), text(x.get("request"), w + ".request"),
                    text(x.get("path"), w + ".path"), text(x.get("kind"), w + ".kind"),
                    text(x.get("reference"), w + ".reference"), text(x.get("candidate"), w + ".candidate")));
        }
        return new FieldState(count(node.get("count"), at + ".count"), kinds, noise, examples);
    }

    private static Map<Integer, Long> statuses(JsonNode node, String at) throws BadStateException {
        Map<Integer, Long> counts = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : object(node, at).properties()) {
            try {
                counts.put(Integer.parseInt(e.getKey()), count(e.getValue(), at + "." + e.getKey()));
            } catch (NumberFormatException notCode) {
                throw new BadStateException(at + ": \"" + e.getKey() + "\" is not a status code");
            }
        }
        return counts;
    }

    private static org.HdrHistogram.Histogram histogram(JsonNode node, String at) throws BadStateException {
        try {
            return HistogramText.decode(text(node, at));
        } catch (IllegalArgumentException e) {
            throw new BadStateException(at + ": " + e.getMessage());
        }
    }

    private static Reason reason(String label, String at) throws BadStateException {
        return Arrays.stream(Reason.values()).filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new BadStateException(at + ": no such reason \"" + label + "\""));
    }

    private static NoiseReason noise(String label, String at) throws BadStateException {
        return Arrays.stream(NoiseReason.values()).filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new BadStateException(at + ": no such noise reason \"" + label + "\""));
    }

    private static JsonNode object(JsonNode node, String at) throws BadStateException {
        if (node == null || !node.isObject()) {
            throw new BadStateException(at + ": " + (node == null ? "missing" : "not an object"));
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String at) throws BadStateException {
        if (node == null || !node.isArray()) {
            throw new BadStateException(at + ": " + (node == null ? "missing" : "not a list"));
        }
        return node;
    }

    private static String text(JsonNode node, String at) throws BadStateException {
        if (node == null || !node.isTextual()) {
            throw new BadStateException(at + ": " + (node == null ? "missing" : "not a string"));
        }
        return node.asText();
    }

    private static long count(JsonNode node, String at) throws BadStateException {
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new BadStateException(at + ": " + (node == null ? "missing" : "not a count"));
        }
        return node.asLong();
    }
}
