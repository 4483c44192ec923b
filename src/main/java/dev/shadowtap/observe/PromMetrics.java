package dev.shadowtap.observe;

import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.raw.CaptureHealth;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code /metrics}: the run's counters in Prometheus' text format (or OpenMetrics when the scraper asks),
 * written by the official client. Every metric is a callback that reads {@link RunView} at scrape time:
 * nothing is counted twice and the hot paths pay nothing. Names: {@code shadowtap_} and base units;
 * labels are bounded (stages are the command line's, reasons an enum, endpoints capped by
 * {@link CompareEndpoints}).
 */
public final class PromMetrics {
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final RunView view;
    private RunSnapshot reading; // the one reading every collector of the scrape under way reads

    public PromMetrics(RunView view) {
        this.view = view;
        stages();
        captures();
        replays();
        links();
        compare();
    }

    /** The writer for the scraper's Accept header: OpenMetrics when asked for, else the Prometheus text format. */
    public ExpositionFormatWriter writer(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        // the protobuf format needs a library this build leaves out: text instead
        return writer.isAvailable() && !(writer instanceof io.prometheus.metrics.expositionformats.PrometheusProtobufWriter)
                ? writer : formats.getPrometheusTextFormatWriter();
    }

    /**
     * Writes every metric as of now in the format {@code writer} speaks, all from one reading of the run,
     * so that one scrape's families agree with each other (a gauge of differing pairs never above its
     * pairs). Scrapes take turns.
     */
    public synchronized void write(OutputStream out, ExpositionFormatWriter writer) throws IOException {
        reading = view.snapshot();
        try {
            writer.write(out, registry.scrape());
        } finally {
            reading = null;
        }
    }

    /** The reading of the scrape under way; a fresh one when asked outside a scrape. */
    private synchronized RunSnapshot reading() {
        return reading != null ? reading : view.snapshot();
    }

    private void stages() {
        counter("shadowtap_stage_messages", "Messages that passed each stage (an input read, an output was handed)",
                null, new String[]{"stage"}, cb -> eachStage(s -> cb.call(s.messages(), s.name())));
        counter("shadowtap_stage_bytes", "Bytes of the messages that passed each stage", Unit.BYTES,
                new String[]{"stage"}, cb -> eachStage(s -> cb.call(s.bytes(), s.name())));
        counter("shadowtap_stage_dropped", "Messages each stage dropped, by reason (the exit summary's drops)", null,
                new String[]{"stage", "reason"}, cb -> eachStage(s -> byReason(s.drops(), (r, n) -> cb.call(n, s.name(), r))));
        counter("shadowtap_stage_repaired", "Damage each stage mended without losing a message, by reason", null,
                new String[]{"stage", "reason"}, cb -> eachStage(s -> byReason(s.repairs(), (r, n) -> cb.call(n, s.name(), r))));
        counter("shadowtap_stage_skipped", "Messages each stage left alone by design, by reason", null,
                new String[]{"stage", "reason"}, cb -> eachStage(s -> byReason(s.skips(), (r, n) -> cb.call(n, s.name(), r))));
        GaugeWithCallback.builder().name("shadowtap_stage_queue_depth").help("Messages waiting in each stage's queue")
                .labelNames("stage")
                .callback(cb -> eachStage(s -> cb.call(s.queueDepth(), s.name()))).register(registry);
    }

    private void captures() {
        counter("shadowtap_capture_packets", "Packets the capture engine delivered", null, new String[]{"stage"},
                cb -> eachCapture((stage, c) -> cb.call(c.engine().packets(), stage)));
        counter("shadowtap_capture_kernel_dropped_packets", "Packets the kernel dropped before the capture read them",
                null, new String[]{"stage"}, cb -> eachCapture((stage, c) -> cb.call(c.engine().kernelDrops(), stage)));
        counter("shadowtap_capture_interface_dropped_packets", "Packets the network interface dropped", null,
                new String[]{"stage"}, cb -> eachCapture((stage, c) -> cb.call(c.engine().interfaceDrops(), stage)));
        counter("shadowtap_capture_tcp_segments", "TCP segments reassembled", null, new String[]{"stage"},
                cb -> eachCapture((stage, c) -> cb.call(c.segments(), stage)));
        counter("shadowtap_capture_tcp_flows", "TCP connections seen", null, new String[]{"stage"},
                cb -> eachCapture((stage, c) -> cb.call(c.flows(), stage)));
        counter("shadowtap_capture_tcp_gaps", "Gaps in TCP streams (data never captured)", null, new String[]{"stage"},
                cb -> eachCapture((stage, c) -> cb.call(c.gaps(), stage)));
        GaugeWithCallback.builder().name("shadowtap_capture_open_flows").help("TCP connections open now")
                .labelNames("stage").callback(cb -> eachCapture((stage, c) -> cb.call(c.openFlows(), stage)))
                .register(registry);
    }

    private void replays() {
        counter("shadowtap_replay_requests", "Requests a replay output sent to its target", null, new String[]{"stage"},
                cb -> reading().replays().forEach(r -> cb.call(r.sent(), r.stage())));
        counter("shadowtap_replay_responses", "Final responses by status class (a binary replay's replies: other)", null,
                new String[]{"stage", "class"}, cb -> reading().replays().forEach(r -> {
                    for (int i = 0; i < CLASSES.length; i++) {
                        if (r.kind().equals("http") || i == 5) {
                            cb.call(r.classes()[i], r.stage(), CLASSES[i]);
                        }
                    }
                }));
        GaugeWithCallback.builder().name("shadowtap_replay_in_flight").help("Requests sent and not answered yet")
                .labelNames("stage").callback(cb -> reading().replays().stream().filter(r -> r.inFlight() >= 0)
                        .forEach(r -> cb.call(r.inFlight(), r.stage()))).register(registry);
        GaugeWithCallback.builder().name("shadowtap_replay_connections").help("Connections open to the target")
                .labelNames("stage").callback(cb -> reading().replays().forEach(r -> cb.call(r.connections(), r.stage())))
                .register(registry);
        GaugeWithCallback.builder().name("shadowtap_replay_queue").help("Requests waiting for a connection to the target")
                .labelNames("stage").callback(cb -> reading().replays().forEach(r -> cb.call(r.queue(), r.stage())))
                .register(registry);
        registry.register(new LatencyCollector(this::reading));
    }

    private void links() {
        GaugeWithCallback.builder().name("shadowtap_link_up")
                .help("Links up now: TCP connections, a Kafka output's brokers taking messages (1/0), a middleware running (1/0)")
                .labelNames("stage", "kind").callback(cb -> reading().links()
                        .forEach(l -> cb.call(l.state().up(), l.stage(), l.state().kind()))).register(registry);
        GaugeWithCallback.builder().name("shadowtap_link_waiting_messages")
                .help("Messages held for a link: queued for TCP peers, not yet acknowledged by Kafka, not given back by a middleware")
                .labelNames("stage", "kind").callback(cb -> reading().links()
                        .forEach(l -> cb.call(l.state().waiting(), l.stage(), l.state().kind()))).register(registry);
    }

    private void compare() {
        counter("shadowtap_compare_pairs", "Response pairs compared, by endpoint (path template; past a cap, other)",
                null, new String[]{"endpoint"},
                cb -> eachEndpoint(e -> cb.call(e.compared(), e.endpoint())));
        counter("shadowtap_compare_unanswered", "Requests whose replay got no answer, by endpoint", null,
                new String[]{"endpoint"}, cb -> eachEndpoint(e -> cb.call(e.unanswered(), e.endpoint())));
        // a gauge: pairs counted differing become noise when the comparison learns a field is volatile
        GaugeWithCallback.builder().name("shadowtap_compare_differing_pairs")
                .help("Compared pairs with a real (not noise) difference, by endpoint").labelNames("endpoint")
                .callback(cb -> eachEndpoint(e -> cb.call(e.differing(), e.endpoint()))).register(registry);
    }

    private void counter(String name, String help, Unit unit, String[] labels, Consumer<CounterWithCallback.Callback> cb) {
        CounterWithCallback.Builder builder = CounterWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(cb);
        if (unit != null) {
            builder.unit(unit);
        }
        builder.register(registry);
    }

    private void eachStage(Consumer<StageStats.Snapshot> each) {
        reading().stages().forEach(each);
    }

    private void eachCapture(BiConsumer<String, CaptureHealth.Numbers> each) {
        reading().captures().forEach(c -> each.accept(c.stage(), c));
    }

    private void eachEndpoint(Consumer<CompareEndpoints.Endpoint> each) {
        reading().compare().map(CompareSummary::endpoints).map(CompareEndpoints::capped)
                .ifPresent(list -> list.forEach(each));
    }

    private static void byReason(Map<Reason, Long> counts, BiConsumer<String, Long> each) {
        counts.forEach((reason, n) -> each.accept(reason.label(), n));
    }
}
