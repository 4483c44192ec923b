package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reports of real comparison engines merged: the state survives summary.json whole, and what the bounds
 * of one run leave out is chosen the same whatever the order of the reports.
 */
class StateMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private long ts = 1_795_000_000_000_000_000L;

    private static CompareEngine engine() {
        CompareConfig config = new CompareConfig(null, List.of(), OptionalDouble.of(0.1), null, CompareConfig.Limits.DEFAULT);
        return new CompareEngine(config, new StageStats("compare"), null, System::nanoTime, () -> 1_795_500_000L);
    }

    /** One exchange: GET path, the original answering {@code original}, the replay {@code replayed}. */
    private void exchange(CompareEngine engine, String id, String path, String original, String replayed, long latencyUs) {
        ts += 1_000_000;
        engine.accept(new Message(MessageType.REQUEST, id, ts, Message.NO_LATENCY,
                ("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        engine.accept(new Message(MessageType.RESPONSE, id, ts + latencyUs * 1000, latencyUs * 1000, response(original)));
        engine.accept(new Message(MessageType.REPLAYED, id, ts, 2 * latencyUs * 1000, response(replayed)));
    }

    private static byte[] response(String json) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Written as summary.json writes it, read back as compare-merge reads it. */
    private static ReportState roundTrip(ReportState state) throws Exception {
        String text = JSON.writeValueAsString(ReportStateJson.tree(state));
        return ReportStateReader.read(JSON.readTree(text)).state();
    }

    @Test
    void aReportsStateSurvivesItsJsonAndSummarizesAsTheRunDid() throws Exception {
        CompareEngine engine = engine();
        for (int i = 0; i < 30; i++) {
            exchange(engine, "a" + i, "/api/items/" + i, "{\"price\":" + i + ",\"ts\":\"2026-01-01T00:00:0" + (i % 10) + "Z\"}",
                    "{\"price\":" + (i % 3 == 0 ? i + 1 : i) + ",\"ts\":\"2026-02-01T00:00:00Z\"}", 100 + i * 37);
        }
        // the same request twice with different originals: "node" is learned noise
        exchange(engine, "b1", "/api/stock/7", "{\"node\":1}", "{\"node\":9}", 50);
        exchange(engine, "b2", "/api/stock/7", "{\"node\":2}", "{\"node\":9}", 60);
        engine.accept(new Message(MessageType.REQUEST, "c1", ts, Message.NO_LATENCY,
                "GET /api/items/1 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        ReportState state = engine.finishState();

        ReportState read = roundTrip(state);

        assertThat(read.summarize()).isEqualTo(state.summarize());
        assertThat(read.summarize().differing()).isEqualTo(10);
        assertThat(read.learned().learned("GET /api/stock/{id}", "$.node")).isEqualTo(NoiseReason.LEARNED);
        assertThat(read.unpaired()).isEqualTo(state.unpaired()).isNotEmpty();
        assertThat(JSON.writeValueAsString(ReportStateJson.tree(read))).isEqualTo(JSON.writeValueAsString(ReportStateJson.tree(state)));
    }

    @Test
    void mergedCountsAndHistogramsAreTheSumsAndTheOrderOfTheReportsChangesNothing() throws Exception {
        CompareEngine one = engine();
        CompareEngine two = engine();
        CompareEngine all = engine();
        for (int i = 0; i < 40; i++) {
            String original = "{\"price\":" + i + "}";
            String replayed = "{\"price\":" + (i % 4 == 0 ? -i : i) + "}";
            exchange(i % 3 == 0 ? one : two, "x" + i, "/api/items/" + i, original, replayed, 10 + i * i);
            exchange(all, "x" + i, "/api/items/" + i, original, replayed, 10 + i * i);
        }
        ReportState a = roundTrip(one.finishState());
        ReportState b = roundTrip(two.finishState());

        ReportState ab = StateMerge.merge(List.of(a, b));
        ReportState ba = StateMerge.merge(List.of(b, a));

        // every latency is recorded alike in both runs here: the merged summary is the whole run's, examples aside
        assertThat(withoutExamples(ab.summarize())).isEqualTo(withoutExamples(all.finish()));
        assertThat(JSON.writeValueAsString(ReportStateJson.tree(ab))).isEqualTo(JSON.writeValueAsString(ReportStateJson.tree(ba)));
        EndpointState merged = ab.endpoints().getFirst();
        Histogram sum = new Histogram(EndpointTally.HIGHEST_MICROS, 2);
        sum.add(a.endpoints().getFirst().latencyCandidate());
        sum.add(b.endpoints().getFirst().latencyCandidate());
        assertThat(merged.latencyCandidate()).isEqualTo(sum);
        // each report kept its first 3 (x12 x24 x36; x4 x8 x16): the merge keeps the smallest ids of those
        assertThat(merged.fields().get("$.price").examples()).extracting(CompareSummary.Example::id)
                .containsExactly("x12", "x16", "x24");
    }

    @Test
    void theBoundsOfOneRunHoldForTheMerge() {
        CompareEngine one = engine();
        CompareEngine two = engine();
        // at most 100 differences a pair: report one has 200 fields (its bound, nothing folded), two 100 more
        exchange(one, "f1", "/api/wide/1", wide("a", 1), wide("a", 2), 5);
        exchange(one, "f3", "/api/wide/3", wide("c", 1), wide("c", 2), 5);
        exchange(two, "f2", "/api/wide/2", wide("b", 1), wide("b", 2), 5);
        for (int e = 0; e < 600; e++) {
            exchange(e % 2 == 0 ? one : two, "e" + e, "/" + letters(e), "{\"v\":1}", "{\"v\":1}", 5);
        }

        ReportState merged = StateMerge.merge(List.of(one.finishState(), two.finishState()));

        assertThat(merged.endpoints()).hasSize(CompareEngine.MAX_ENDPOINTS + 1);
        EndpointState others = merged.endpoints().stream()
                .filter(e -> e.endpoint().equals(CompareEngine.OTHER_ENDPOINTS)).findFirst().orElseThrow();
        assertThat(merged.endpoints().stream().mapToLong(EndpointState::compared).sum()).isEqualTo(603);
        // kept by name: GET /api/wide/{id} (3 pairs) and the first 499 others (1 each)
        assertThat(others.compared()).isEqualTo(603 - 3 - (CompareEngine.MAX_ENDPOINTS - 1));
        EndpointState wide = merged.endpoints().stream().filter(e -> e.endpoint().equals("GET /api/wide/{id}")).findFirst()
                .orElseThrow();
        assertThat(one.finishState().endpoints().stream().filter(e -> e.endpoint().equals("GET /api/wide/{id}")).findFirst()
                .orElseThrow().fields().size()).isEqualTo(EndpointTally.MAX_FIELDS);
        assertThat(wide.fields().size()).isEqualTo(EndpointTally.MAX_FIELDS + 1);
        assertThat(wide.fields().get(EndpointTally.OTHER_FIELDS).count()).isEqualTo(100);
        assertThat(wide.fields().values().stream().mapToLong(FieldState::count).sum()).isEqualTo(300);
        assertThat(wide.summarize(merged.learned(), OptionalDouble.of(0.1)).differing()).isEqualTo(3);
        assertThat(wide.signatures().keySet().stream().filter(s -> s.contains(EndpointTally.OTHER_FIELDS)).count())
                .isPositive();
    }

    /** A JSON object of 100 fields named prefix0..prefix99, each {@code value}. */
    private static String wide(String prefix, int value) {
        StringBuilder json = new StringBuilder("{");
        for (int f = 0; f < 100; f++) {
            json.append(f == 0 ? "" : ",").append('"').append(prefix).append(f).append("\":").append(value);
        }
        return json.append('}').toString();
    }

    private static String withoutExamples(CompareSummary summary) {
        var tree = SummaryJson.tree(summary);
        tree.get("endpoints").forEach(e -> e.get("fields").forEach(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) f)
                .remove("examples")));
        return tree.toString();
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder("p");
        for (int i = 0; i < 3; i++) {
            s.append((char) ('a' + n % 26));
            n /= 26;
        }
        return s.toString();
    }

    @Test
    void aHistogramOfOtherBoundsIsRefused() {
        Histogram fine = new Histogram(EndpointTally.HIGHEST_MICROS, 2);
        fine.recordValue(1234);
        assertThat(HistogramText.decode(HistogramText.encode(fine))).isEqualTo(fine);
        Histogram precise = new Histogram(EndpointTally.HIGHEST_MICROS, 3);
        precise.recordValue(1234);
        assertThatThrownBy(() -> HistogramText.decode(HistogramText.encode(precise)))
                .hasMessage("not a latency histogram of the comparison (2 digits, at most 1 h)");
        assertThatThrownBy(() -> HistogramText.decode("not base64!")).hasMessage("not an HdrHistogram in base64");
    }
}
