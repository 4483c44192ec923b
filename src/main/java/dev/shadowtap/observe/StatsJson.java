package dev.shadowtap.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.raw.CaptureHealth;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /api/stats}: a {@link RunSnapshot} as JSON, the numbers {@code /metrics} exports and the page
 * draws. Without {@code --dashboard-show-payloads} no request line or body value appears: the
 * comparison shows which fields differ and how often, never what they held. Written with Jackson's
 * streaming generator: a first scrape costs a few milliseconds, not the ~130 ms of building an
 * {@code ObjectMapper} (docs/BENCHMARKS.md, "dashboard").
 */
final class StatsJson {
    static final JsonFactory JSON = new JsonFactory();
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private StatsJson() {
    }

    static byte[] render(RunSnapshot run, boolean showPayloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, run, showPayloads);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes the reading as one JSON object (also {@code /debug/vars}' {@code shadowtap}). */
    static void write(JsonGenerator g, RunSnapshot run, boolean showPayloads) throws IOException {
        g.writeStartObject();
        g.writeNumberField("time", run.timeMillis());
        g.writeNumberField("uptimeSeconds", (run.timeMillis() - run.startMillis()) / 1000.0);
        g.writeBooleanField("showPayloads", showPayloads);
        g.writeArrayFieldStart("stages");
        long dropped = 0;
        for (StageStats.Snapshot s : run.stages()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeNumberField("messages", s.messages());
            g.writeNumberField("bytes", s.bytes());
            g.writeNumberField("queueDepth", s.queueDepth());
            g.writeNumberField("dropped", s.droppedTotal());
            reasons(g, "drops", s.drops());
            reasons(g, "repairs", s.repairs());
            reasons(g, "skips", s.skips());
            g.writeEndObject();
            dropped += s.droppedTotal();
        }
        g.writeEndArray();
        g.writeNumberField("droppedTotal", dropped);
        g.writeArrayFieldStart("captures");
        for (CaptureHealth.Numbers c : run.captures()) {
            g.writeStartObject();
            g.writeStringField("stage", c.stage());
            g.writeNumberField("packets", c.engine().packets());
            g.writeNumberField("bytes", c.engine().bytes());
            g.writeNumberField("kernelDrops", c.engine().kernelDrops());
            g.writeNumberField("interfaceDrops", c.engine().interfaceDrops());
            g.writeNumberField("segments", c.segments());
            g.writeNumberField("flows", c.flows());
            g.writeNumberField("openFlows", c.openFlows());
            g.writeNumberField("gaps", c.gaps());
            g.writeNumberField("queued", c.queued());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("replays");
        for (RunSnapshot.Replay r : run.replays()) {
            replay(g, r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("links");
        for (RunSnapshot.Link l : run.links()) {
            g.writeStartObject();
            g.writeStringField("stage", l.stage());
            g.writeStringField("kind", l.state().kind());
            g.writeNumberField("up", l.state().up());
            numberOrNull(g, "of", l.state().of());
            g.writeNumberField("waiting", l.state().waiting());
            g.writeStringField("note", l.state().note());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (run.compare().isPresent()) {
            g.writeFieldName("compare");
            compare(g, run.compare().get(), showPayloads);
        } else {
            g.writeNullField("compare");
        }
        g.writeEndObject();
    }

    private static void replay(JsonGenerator g, RunSnapshot.Replay r) throws IOException {
        g.writeStartObject();
        g.writeStringField("stage", r.stage());
        g.writeStringField("kind", r.kind());
        g.writeNumberField("sent", r.sent());
        g.writeNumberField("responsesTotal", r.responses());
        g.writeObjectFieldStart("responses");
        for (int i = 0; i < CLASSES.length; i++) {
            g.writeNumberField(CLASSES[i], r.classes()[i]);
        }
        g.writeEndObject();
        reasons(g, "errors", r.errors());
        g.writeNumberField("queue", r.queue());
        numberOrNull(g, "inFlight", r.inFlight());
        g.writeNumberField("connections", r.connections());
        latency(g, "latencyMs", r.latency());
        latency(g, "recentLatencyMs", r.recent());
        g.writeEndObject();
    }

    private static void compare(JsonGenerator g, CompareSummary c, boolean showPayloads) throws IOException {
        g.writeStartObject();
        g.writeNumberField("compared", c.compared());
        g.writeNumberField("differing", c.differing());
        reasons(g, "notCompared", c.unpaired());
        g.writeArrayFieldStart("endpoints");
        for (CompareSummary.EndpointSummary e : c.endpoints()) {
            g.writeStartObject();
            g.writeStringField("endpoint", e.endpoint());
            g.writeNumberField("compared", e.compared());
            g.writeNumberField("differing", e.differing());
            g.writeNumberField("unanswered", e.unanswered());
            g.writeNumberField("differingRate", e.differenceRate());
            g.writeBooleanField("failed", e.failed());
            g.writeNumberField("referenceP50Ms", e.latencyReference().p50Ms());
            g.writeNumberField("candidateP50Ms", e.latencyCandidate().p50Ms());
            g.writeArrayFieldStart("fields");
            for (CompareSummary.FieldSummary f : e.fields()) {
                g.writeStartObject();
                g.writeStringField("field", f.field());
                g.writeNumberField("differences", f.differences());
                g.writeNumberField("noise", f.noise());
                if (showPayloads && !f.examples().isEmpty()) {
                    CompareSummary.Example x = f.examples().getFirst();
                    g.writeObjectFieldStart("example");
                    g.writeStringField("request", x.request());
                    g.writeStringField("path", x.path());
                    g.writeStringField("kind", x.kind());
                    g.writeStringField("reference", x.reference());
                    g.writeStringField("candidate", x.candidate());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, String name, Histogram micros) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", micros.getTotalCount());
        if (micros.getTotalCount() > 0) {
            g.writeNumberField("p50", micros.getValueAtPercentile(50) / 1000.0);
            g.writeNumberField("p90", micros.getValueAtPercentile(90) / 1000.0);
            g.writeNumberField("p99", micros.getValueAtPercentile(99) / 1000.0);
            g.writeNumberField("max", micros.getMaxValue() / 1000.0);
        }
        g.writeEndObject();
    }

    private static void numberOrNull(JsonGenerator g, String name, long value) throws IOException {
        if (value >= 0) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }

    private static void reasons(JsonGenerator g, String name, Map<Reason, Long> counts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<Reason, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey().label(), e.getValue());
        }
        g.writeEndObject();
    }
}
