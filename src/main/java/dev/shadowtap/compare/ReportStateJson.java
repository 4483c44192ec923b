package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code merge} object of summary.json: a {@link ReportState} whole, for {@code shadowtap compare-merge}.
 * {@code format} (this layout's number), {@code version} (of the shadowtap that wrote it), {@code gate}
 * ({@code fail_above}, {@code ignore}), {@code unpaired}, {@code learned} (endpoint to field to reason) and
 * {@code endpoints}: {@code endpoint}, {@code compared}, {@code unanswered}, {@code unsettled_differing},
 * {@code status_reference}, {@code status_candidate}, {@code latency_reference} and {@code latency_candidate}
 * (microseconds, {@link HistogramText}), {@code signatures} ({@code real} fields, {@code pairs}) and
 * {@code fields} (by name: {@code field}, {@code count}, {@code kinds}, {@code noise} by reason, {@code examples})
 * and, when one was kept, {@code pair} ({@link ExamplePair}: {@code id}, {@code request}, {@code real} and
 * {@code noise} paths, {@code reference} and {@code candidate}: {@code status}, {@code headers} as
 * [name, value] lists, {@code length} and {@code body} in base64).
 */
public final class ReportStateJson {
    public static final String KEY = "merge";
    /** The layout's number: a reader refuses another. */
    public static final int FORMAT = 1;

    private ReportStateJson() {
    }

    /** The version of this shadowtap, as {@code --version} says it: the jar's, or {@code dev}. */
    public static String version() {
        String v = ReportStateJson.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    public static ObjectNode tree(ReportState state) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version());
        ObjectNode gate = root.putObject("gate");
        if (state.gate().failAbove().isPresent()) {
            gate.put("fail_above", state.gate().failAbove().getAsDouble());
        } else {
            gate.putNull("fail_above");
        }
        ArrayNode ignore = gate.putArray("ignore");
        state.gate().ignore().forEach(ignore::add);
        ObjectNode unpaired = root.putObject("unpaired");
        state.unpaired().entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().label()))
                .forEach(e -> unpaired.put(e.getKey().label(), e.getValue()));
        ObjectNode learned = root.putObject("learned");
        new TreeMap<>(state.learned().all()).forEach((endpoint, fields) -> {
            ObjectNode node = learned.putObject(endpoint);
            new TreeMap<>(fields).forEach((field, reason) -> node.put(field, reason.label()));
        });
        ArrayNode endpoints = root.putArray("endpoints");
        state.endpoints().stream().sorted(Comparator.comparing(EndpointState::endpoint))
                .forEach(e -> endpoint(endpoints.addObject(), e));
        return root;
    }

    private static void endpoint(ObjectNode node, EndpointState e) {
        node.put("endpoint", e.endpoint());
        node.put("compared", e.compared());
        node.put("unanswered", e.unanswered());
        node.put("unsettled_differing", e.unsettledDiffering());
        statuses(node.putObject("status_reference"), e.statusReference());
        statuses(node.putObject("status_candidate"), e.statusCandidate());
        node.put("latency_reference", HistogramText.encode(e.latencyReference()));
        node.put("latency_candidate", HistogramText.encode(e.latencyCandidate()));
        ArrayNode signatures = node.putArray("signatures");
        e.signatures().entrySet().stream().sorted(Comparator.comparing(s -> String.join("\n", sorted(s.getKey()))))
                .forEach(s -> {
                    ObjectNode signature = signatures.addObject();
                    ArrayNode real = signature.putArray("real");
                    sorted(s.getKey()).forEach(real::add);
                    signature.put("pairs", s.getValue());
                });
        ArrayNode fields = node.putArray("fields");
        new TreeMap<>(e.fields()).forEach((name, f) -> {
            ObjectNode field = fields.addObject();
            field.put("field", name);
            field.put("count", f.count());
            ArrayNode kinds = field.putArray("kinds");
            f.kinds().stream().sorted().forEach(kinds::add);
            ObjectNode noise = field.putObject("noise");
            f.noise().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(n -> noise.put(n.getKey().label(), n.getValue()));
            ArrayNode examples = field.putArray("examples");
            for (CompareSummary.Example x : f.examples()) {
                examples.addObject().put("id", x.id()).put("request", x.request()).put("path", x.path())
                        .put("kind", x.kind()).put("reference", x.reference()).put("candidate", x.candidate());
            }
        });
        if (e.pair() != null) {
            pair(node.putObject("pair"), e.pair());
        }
    }

    private static void pair(ObjectNode node, ExamplePair p) {
        node.put("id", p.id());
        node.put("request", p.request());
        ArrayNode real = node.putArray("real");
        p.realPaths().forEach(real::add);
        ArrayNode noise = node.putArray("noise");
        p.noisePaths().forEach(noise::add);
        side(node.putObject("reference"), p.reference());
        side(node.putObject("candidate"), p.candidate());
    }

    private static void side(ObjectNode node, ExamplePair.Side side) {
        node.put("status", side.status());
        ArrayNode headers = node.putArray("headers");
        side.headers().forEach(h -> headers.addArray().add(h.name()).add(h.value()));
        node.put("length", side.length());
        node.put("body", java.util.Base64.getEncoder().encodeToString(side.bytes()));
    }

    private static java.util.List<String> sorted(Set<String> fields) {
        return fields.stream().sorted().toList();
    }

    private static void statuses(ObjectNode node, Map<Integer, Long> counts) {
        new TreeMap<>(counts).forEach((code, n) -> node.put(String.valueOf(code), n));
    }
}
