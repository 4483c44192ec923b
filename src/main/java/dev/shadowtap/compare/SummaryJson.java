package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * summary.json: {@code seen}, {@code compared}, {@code differing}, {@code fail_above} (null when not given),
 * {@code failed}, {@code error} (only when nothing was compared), {@code unpaired} (reason to count) and
 * {@code endpoints}: for each, {@code endpoint}, {@code compared}, {@code differing}, {@code difference_rate},
 * {@code unanswered}, {@code gate_rate}, {@code failed}, {@code status_reference}
 * and {@code status_candidate} (code to count), {@code latency_ms} ({@code reference} and
 * {@code candidate}, each {@code count}, {@code p50}, {@code p99}) and {@code fields}: {@code field},
 * {@code kinds}, {@code differences}, {@code noise}, {@code noise_share}, {@code noise_reasons},
 * {@code classification} ({@code noise} or {@code difference}) and {@code examples}.
 */
public final class SummaryJson {
    public static final String FILE = "summary.json";

    private SummaryJson() {
    }

    public static ObjectNode tree(CompareSummary summary) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("seen", summary.seen());
        root.put("compared", summary.compared());
        root.put("differing", summary.differing());
        if (summary.failAbove().isPresent()) {
            root.put("fail_above", summary.failAbove().getAsDouble());
        } else {
            root.putNull("fail_above");
        }
        root.put("failed", summary.failed());
        if (summary.nothingCompared()) {
            root.put("error", "nothing was compared: " + summary.nothingComparedReason());
        }
        ObjectNode unpaired = root.putObject("unpaired");
        summary.unpaired().entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().label()))
                .forEach(e -> unpaired.put(e.getKey().label(), e.getValue()));
        ArrayNode endpoints = root.putArray("endpoints");
        for (CompareSummary.EndpointSummary e : summary.endpoints()) {
            ObjectNode node = endpoints.addObject();
            node.put("endpoint", e.endpoint());
            node.put("compared", e.compared());
            node.put("differing", e.differing());
            node.put("difference_rate", e.differenceRate());
            node.put("unanswered", e.unanswered());
            node.put("gate_rate", e.gateRate());
            node.put("failed", e.failed());
            statuses(node.putObject("status_reference"), e.statusReference());
            statuses(node.putObject("status_candidate"), e.statusCandidate());
            ObjectNode latency = node.putObject("latency_ms");
            latency(latency.putObject("reference"), e.latencyReference());
            latency(latency.putObject("candidate"), e.latencyCandidate());
            ArrayNode fields = node.putArray("fields");
            for (CompareSummary.FieldSummary f : e.fields()) {
                ObjectNode field = fields.addObject();
                field.put("field", f.field());
                ArrayNode kinds = field.putArray("kinds");
                f.kinds().stream().sorted().forEach(kinds::add);
                field.put("differences", f.differences());
                field.put("noise", f.noise());
                field.put("noise_share", f.noiseShare());
                ObjectNode reasons = field.putObject("noise_reasons");
                f.noiseReasons().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(r -> reasons.put(r.getKey(), r.getValue()));
                field.put("classification", f.isNoise() ? "noise" : "difference");
                ArrayNode examples = field.putArray("examples");
                for (CompareSummary.Example x : f.examples()) {
                    ObjectNode ex = examples.addObject();
                    ex.put("id", x.id());
                    ex.put("request", x.request());
                    ex.put("path", x.path());
                    ex.put("kind", x.kind());
                    ex.put("reference", x.reference());
                    ex.put("candidate", x.candidate());
                }
            }
        }
        return root;
    }

    /** summary.json: the summary's tree with the state it was made from under {@code merge} ({@link ReportStateJson}). */
    public static void write(CompareSummary summary, ReportState state, Path dir) throws IOException {
        ObjectNode root = tree(summary);
        root.set(ReportStateJson.KEY, ReportStateJson.tree(state));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(FILE).toFile(), root);
    }

    private static void statuses(ObjectNode node, Map<Integer, Long> counts) {
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.put(String.valueOf(e.getKey()), e.getValue()));
    }

    private static void latency(ObjectNode node, CompareSummary.Latency latency) {
        node.put("count", latency.count());
        node.put("p50", latency.p50Ms());
        node.put("p99", latency.p99Ms());
    }
}
