package dev.shadowtap.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.raw.CaptureHealth;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * {@code /api/stats}: a {@link RunSnapshot} as JSON, the numbers {@code /metrics} exports and the page
 * draws. Without {@code --dashboard-show-payloads} no request line or body value appears: the
 * comparison shows which fields differ and how often, never what they held.
 */
final class StatsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private StatsJson() {
    }

    static byte[] render(RunSnapshot run, boolean showPayloads) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time", run.timeMillis());
        root.put("uptimeSeconds", (run.timeMillis() - run.startMillis()) / 1000.0);
        root.put("showPayloads", showPayloads);
        ArrayNode stages = root.putArray("stages");
        long dropped = 0;
        for (StageStats.Snapshot s : run.stages()) {
            ObjectNode stage = stages.addObject();
            stage.put("name", s.name());
            stage.put("messages", s.messages());
            stage.put("bytes", s.bytes());
            stage.put("queueDepth", s.queueDepth());
            stage.put("dropped", s.droppedTotal());
            reasons(stage.putObject("drops"), s.drops());
            reasons(stage.putObject("repairs"), s.repairs());
            reasons(stage.putObject("skips"), s.skips());
            dropped += s.droppedTotal();
        }
        root.put("droppedTotal", dropped);
        ArrayNode captures = root.putArray("captures");
        for (CaptureHealth.Numbers c : run.captures()) {
            ObjectNode capture = captures.addObject();
            capture.put("stage", c.stage());
            capture.put("packets", c.engine().packets());
            capture.put("bytes", c.engine().bytes());
            capture.put("kernelDrops", c.engine().kernelDrops());
            capture.put("interfaceDrops", c.engine().interfaceDrops());
            capture.put("segments", c.segments());
            capture.put("flows", c.flows());
            capture.put("openFlows", c.openFlows());
            capture.put("gaps", c.gaps());
            capture.put("queued", c.queued());
        }
        ArrayNode replays = root.putArray("replays");
        for (RunSnapshot.Replay r : run.replays()) {
            ObjectNode replay = replays.addObject();
            replay.put("stage", r.stage());
            replay.put("kind", r.kind());
            replay.put("sent", r.sent());
            replay.put("responsesTotal", r.responses());
            ObjectNode classes = replay.putObject("responses");
            for (int i = 0; i < CLASSES.length; i++) {
                classes.put(CLASSES[i], r.classes()[i]);
            }
            reasons(replay.putObject("errors"), r.errors());
            replay.put("queue", r.queue());
            if (r.inFlight() >= 0) {
                replay.put("inFlight", r.inFlight());
            } else {
                replay.putNull("inFlight");
            }
            replay.put("connections", r.connections());
            latency(replay.putObject("latencyMs"), r.latency());
            latency(replay.putObject("recentLatencyMs"), r.recent());
        }
        ArrayNode links = root.putArray("links");
        for (RunSnapshot.Link l : run.links()) {
            ObjectNode link = links.addObject();
            link.put("stage", l.stage());
            link.put("kind", l.state().kind());
            link.put("up", l.state().up());
            if (l.state().of() >= 0) {
                link.put("of", l.state().of());
            } else {
                link.putNull("of");
            }
            link.put("waiting", l.state().waiting());
            link.put("note", l.state().note());
        }
        run.compare().ifPresentOrElse(c -> compare(root.putObject("compare"), c, showPayloads), () -> root.putNull("compare"));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of numbers and strings always writes", e);
        }
    }

    private static void compare(ObjectNode node, CompareSummary c, boolean showPayloads) {
        node.put("compared", c.compared());
        node.put("differing", c.differing());
        reasons(node.putObject("notCompared"), c.unpaired());
        ArrayNode endpoints = node.putArray("endpoints");
        for (CompareSummary.EndpointSummary e : c.endpoints()) {
            ObjectNode endpoint = endpoints.addObject();
            endpoint.put("endpoint", e.endpoint());
            endpoint.put("compared", e.compared());
            endpoint.put("differing", e.differing());
            endpoint.put("unanswered", e.unanswered());
            endpoint.put("differingRate", e.differenceRate());
            endpoint.put("failed", e.failed());
            endpoint.put("referenceP50Ms", e.latencyReference().p50Ms());
            endpoint.put("candidateP50Ms", e.latencyCandidate().p50Ms());
            ArrayNode fields = endpoint.putArray("fields");
            for (CompareSummary.FieldSummary f : e.fields()) {
                ObjectNode field = fields.addObject();
                field.put("field", f.field());
                field.put("differences", f.differences());
                field.put("noise", f.noise());
                if (showPayloads && !f.examples().isEmpty()) {
                    CompareSummary.Example x = f.examples().getFirst();
                    ObjectNode example = field.putObject("example");
                    example.put("request", x.request());
                    example.put("path", x.path());
                    example.put("kind", x.kind());
                    example.put("reference", x.reference());
                    example.put("candidate", x.candidate());
                }
            }
        }
    }

    private static void latency(ObjectNode node, Histogram micros) {
        node.put("count", micros.getTotalCount());
        if (micros.getTotalCount() == 0) {
            return;
        }
        node.put("p50", micros.getValueAtPercentile(50) / 1000.0);
        node.put("p90", micros.getValueAtPercentile(90) / 1000.0);
        node.put("p99", micros.getValueAtPercentile(99) / 1000.0);
        node.put("max", micros.getMaxValue() / 1000.0);
    }

    private static void reasons(ObjectNode node, Map<Reason, Long> counts) {
        counts.forEach((reason, n) -> node.put(reason.label(), n));
    }
}
