package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.pipeline.Message;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replayers, each replaying its own share of one recording of version A to version B with
 * {@code --compare-report}, and {@code compare-merge} of their reports, beside one replay of the whole
 * recording: the merged report is the whole replay's, count for count, its reference latencies
 * percentile for percentile (they come from the recording), its candidate latencies the sum of the
 * replayers' histograms, and its verdict the whole replay's even where a share alone says otherwise.
 */
class CompareMergeEndToEndTest {
    private static final String PRODUCTS = "GET /api/products/{id}";
    private static final String STOCK = "GET /api/stock/{id}";
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path dir;
    @RegisterExtension
    final ShopServices shops = new ShopServices();

    /** The recording's exchanges, as the three shares; the union is all of them. */
    private record Shares(List<List<Message>> parts) {
        List<Message> all() {
            return parts.stream().flatMap(List::stream).toList();
        }
    }

    /**
     * Share 1 (about half): the odd products (B answers them right) and /api/stock/7 twice, so that its
     * replayer learns {@code $.served_by} is noise. Share 2: even products 2-12 (B's wrong price),
     * /api/stock/7 once and /api/stock/8 (alone it cannot learn). Share 3: even products 14-20.
     */
    private Shares record() throws Exception {
        Exchanges one = new Exchanges();
        Exchanges two = new Exchanges();
        Exchanges three = new Exchanges();
        int port = shops.a().port();
        for (int i = 1; i <= 20; i++) {
            (i % 2 == 1 ? one : i <= 12 ? two : three).send(port, Exchanges.get("/api/products/" + i + "?ref=home"));
        }
        for (int i = 0; i < 4; i++) {
            (i < 2 ? one : two).send(port, Exchanges.get("/api/users/" + java.util.UUID.randomUUID()));
            (i < 2 ? one : three).send(port, Exchanges.post("/api/orders", "{\"sku\":\"a-" + i + "\",\"qty\":" + i + "}"));
        }
        one.send(port, Exchanges.get("/api/catalog"));
        three.send(port, Exchanges.get("/api/catalog"));
        one.send(port, Exchanges.get("/api/stock/7"));
        one.send(port, Exchanges.get("/api/stock/7"));
        two.send(port, Exchanges.get("/api/stock/7"));
        two.send(port, Exchanges.get("/api/stock/8"));
        return new Shares(List.of(ids(one.records(), "a"), ids(two.records(), "b"), ids(three.records(), "c")));
    }

    /** Each replayer's records get ids of their own, as captures on different hosts have. */
    private static List<Message> ids(List<Message> records, String prefix) {
        return records.stream().map(m -> new Message(m.type(), prefix + m.id().substring(1), m.timestampNs(),
                m.latencyNs(), m.payload())).toList();
    }

    private Run replay(List<Message> records, String name, String failAbove) throws Exception {
        Path recording = Gor.write(dir.resolve(name + ".gor"), records);
        return Run.of("--input-file", recording + "|10000%", "--output-http", shops.b().url(), "--output-http-track-response",
                "--compare-report", dir.resolve(name).toString(), "--compare-fail-above", failAbove);
    }

    /** Replays the three shares and the whole; merges the shares' reports into "merged". */
    private Map<String, Run> runAll(String failAbove) throws Exception {
        Shares shares = record();
        Map<String, Run> runs = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            runs.put("r" + (i + 1), replay(shares.parts().get(i), "r" + (i + 1), failAbove));
        }
        runs.put("whole", replay(shares.all(), "whole", failAbove));
        runs.forEach((name, run) -> assertThat(run.err()).as(name).doesNotContain("Exception"));
        runs.put("merged", Run.of("compare-merge", dir.resolve("merged").toString(), dir.resolve("r1").toString(),
                dir.resolve("r2").toString(), dir.resolve("r3").toString()));
        return runs;
    }

    private JsonNode summary(String report) throws Exception {
        return json.readTree(dir.resolve(report).resolve("summary.json").toFile());
    }

    private static Map<String, JsonNode> endpoints(JsonNode summary) {
        Map<String, JsonNode> byName = new TreeMap<>();
        summary.get("endpoints").forEach(e -> byName.put(e.get("endpoint").asText(), e));
        return byName;
    }

    /** What must be the same in the merged report and the whole replay's: every count, rate and verdict. */
    private void assertSameAsOneReplay(JsonNode merged, JsonNode whole) {
        for (String key : List.of("seen", "compared", "differing", "failed", "fail_above", "unpaired")) {
            assertThat(merged.get(key)).as(key).isEqualTo(whole.get(key));
        }
        Map<String, JsonNode> m = endpoints(merged);
        Map<String, JsonNode> w = endpoints(whole);
        assertThat(m.keySet()).isEqualTo(w.keySet());
        m.forEach((name, e) -> {
            JsonNode o = w.get(name);
            for (String key : List.of("compared", "differing", "difference_rate", "unanswered", "gate_rate", "failed",
                    "status_reference", "status_candidate")) {
                assertThat(e.get(key)).as(name + " " + key).isEqualTo(o.get(key));
            }
            // the originals' latencies come from the recording: the same percentiles exactly
            assertThat(e.get("latency_ms").get("reference")).as(name).isEqualTo(o.get("latency_ms").get("reference"));
            assertThat(e.get("latency_ms").get("candidate").get("count")).as(name)
                    .isEqualTo(o.get("latency_ms").get("candidate").get("count"));
            assertThat(fields(e)).as(name).isEqualTo(fields(o));
        });
    }

    /**
     * Each field's counts and classification, without its examples; without the Date header, whose
     * seconds differ or not depending on when each replay ran (noise either way).
     */
    private static Map<String, String> fields(JsonNode endpoint) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode f : endpoint.get("fields")) {
            if (!f.get("field").asText().equals("header:date")) {
                out.put(f.get("field").asText(), f.get("kinds") + " " + f.get("differences") + " " + f.get("noise") + " "
                        + f.get("noise_reasons") + " " + f.get("classification"));
            }
        }
        return out;
    }

    private static Histogram histogram(JsonNode summary, String endpoint, String side) throws Exception {
        for (JsonNode e : summary.get("merge").get("endpoints")) {
            if (e.get("endpoint").asText().equals(endpoint)) {
                byte[] bytes = Base64.getDecoder().decode(e.get("latency_" + side).asText());
                return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_MICROS);
            }
        }
        return new Histogram(HIGHEST_MICROS, 2);
    }

    private Set<String> diffRequests(String report) throws Exception {
        Set<String> requests = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve(report).resolve("diffs.jsonl"))) {
            JsonNode node = json.readTree(line);
            requests.add(node.get("endpoint").asText() + " " + node.get("request").asText());
        }
        return requests;
    }

    private Document junit(String report) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(report).resolve("junit.xml").toFile());
    }

    private static Set<String> testcases(Document doc, boolean failedOnly) {
        Set<String> names = new TreeSet<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (!failedOnly || c.getElementsByTagName("failure").getLength() > 0) {
                names.add(c.getAttribute("name"));
            }
        }
        return names;
    }

    @Test
    void theMergedReportIsTheOneOfOneReplayOfAllTheTrafficAndFailsItsGate() throws Exception {
        Map<String, Run> runs = runAll("0.4");

        Run merged = runs.get("merged");
        assertThat(merged.status()).as(merged.err()).isEqualTo(1).isEqualTo(runs.get("whole").status());
        assertThat(merged.err()).isEmpty();
        assertThat(runs.get("r1").status()).as("share 1 alone passes: B answers odd products right").isZero();
        JsonNode m = summary("merged");
        JsonNode whole = summary("whole");
        assertSameAsOneReplay(m, whole);
        long sum = 0;
        for (String r : List.of("r1", "r2", "r3")) {
            sum += summary(r).get("compared").asLong();
        }
        assertThat(m.get("compared").asLong()).isEqualTo(sum).isEqualTo(34);
        JsonNode products = endpoints(m).get(PRODUCTS);
        assertThat(products.get("compared").asLong()).isEqualTo(20);
        assertThat(products.get("differing").asLong()).isEqualTo(10);
        assertThat(products.get("failed").asBoolean()).isTrue();
        // share 2 could not learn that served_by is noise; share 1 did, and the merge applies it to all
        assertThat(endpoints(summary("r2")).get(STOCK).get("differing").asLong()).isEqualTo(2);
        assertThat(endpoints(m).get(STOCK).get("differing").asLong()).isZero();

        for (String endpoint : endpoints(m).keySet()) {
            Histogram candidates = new Histogram(HIGHEST_MICROS, 2);
            for (String r : List.of("r1", "r2", "r3")) {
                candidates.add(histogram(summary(r), endpoint, "candidate"));
            }
            Histogram mergedCandidates = histogram(m, endpoint, "candidate");
            assertThat(mergedCandidates).as(endpoint).isEqualTo(candidates);
            JsonNode latency = endpoints(m).get(endpoint).get("latency_ms").get("candidate");
            assertThat(latency.get("count").asLong()).isEqualTo(candidates.getTotalCount()).isPositive();
            assertThat(latency.get("p50").asDouble()).isEqualTo(candidates.getValueAtPercentile(50) / 1000.0);
            assertThat(latency.get("p99").asDouble()).isEqualTo(candidates.getValueAtPercentile(99) / 1000.0);
            assertThat(histogram(m, endpoint, "reference")).as(endpoint).isEqualTo(histogram(whole, endpoint, "reference"));
        }

        // diffs.jsonl: the shares' lines, less share 2's served_by lines that the learned noise settles
        assertThat(diffRequests("merged")).hasSize(10).isEqualTo(diffRequests("whole"));
        assertThat(diffRequests("r2")).anyMatch(line -> line.startsWith(STOCK));
        Document doc = junit("merged");
        Element suite = doc.getDocumentElement();
        Element wholeSuite = junit("whole").getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo(wholeSuite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo(wholeSuite.getAttribute("failures")).isEqualTo("1");
        assertThat(testcases(doc, true)).containsExactly(PRODUCTS);
        assertThat(testcases(doc, false)).isEqualTo(testcases(junit("whole"), false));
        String html = Files.readString(dir.resolve("merged").resolve("report.html"));
        assertThat(html).contains("34 pairs compared").contains(">10 with real differences<").contains("FAILED")
                .contains("$.price");
        // the pictures too: a chart per endpoint, and the same example pair as the whole replay's (smallest id)
        assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(6);
        assertThat(pairRequests(html)).isNotEmpty()
                .isEqualTo(pairRequests(Files.readString(dir.resolve("whole").resolve("report.html"))));
        assertThat(merged.out()).contains("compare-merge: 3 report(s) merged into " + dir.resolve("merged"))
                .contains("compare: compared 34 of 34 requests seen, 10 differing, 5 endpoint(s)")
                .contains("FAILED: above 40.0%");
        try (var files = Files.list(dir.resolve("merged"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("diffs.jsonl", "junit.xml", "report.html", "summary.json");
        }
    }

    @Test
    void aGateThatSharesFailAlonePassesWhenTheWholeTrafficPasses() throws Exception {
        Map<String, Run> runs = runAll("60%");

        assertThat(runs.get("r2").status()).as("share 2 alone: every even product differs").isEqualTo(1);
        assertThat(runs.get("r3").status()).isEqualTo(1);
        assertThat(runs.get("whole").status()).as(runs.get("whole").err()).isZero();
        Run merged = runs.get("merged");
        assertThat(merged.status()).as(merged.err()).isZero();
        JsonNode m = summary("merged");
        assertSameAsOneReplay(m, summary("whole"));
        assertThat(m.get("failed").asBoolean()).isFalse();
        assertThat(m.get("fail_above").asDouble()).isEqualTo(0.6);
        assertThat(Files.readString(dir.resolve("merged").resolve("report.html"))).contains("passed");
        assertThat(junit("merged").getDocumentElement().getAttribute("failures")).isEqualTo("0");

        // a merged report merges again: with itself absent, OUT of a merge is a report like any other
        Run again = Run.of("compare-merge", dir.resolve("again").toString(), dir.resolve("merged").toString());
        assertThat(again.status()).as(again.err()).isZero();
        JsonNode twice = summary("again");
        assertSameAsOneReplay(twice, m);
        assertThat(twice.get("merge")).isEqualTo(m.get("merge"));
    }

    @Test
    void theOrderOfTheReportsChangesNothing() throws Exception {
        runAll("0.4");
        Run reversed = Run.of("compare-merge", dir.resolve("reversed").toString(), dir.resolve("r3").toString(),
                dir.resolve("r2").toString(), dir.resolve("r1").toString());
        assertThat(reversed.status()).as(reversed.err()).isEqualTo(1);
        JsonNode a = summary("merged");
        JsonNode b = summary("reversed");
        assertThat(b).isEqualTo(a);
        assertThat(Files.readString(dir.resolve("reversed").resolve("junit.xml")))
                .isEqualTo(Files.readString(dir.resolve("merged").resolve("junit.xml")));
        assertThat(diffRequests("reversed")).isEqualTo(diffRequests("merged"));
    }

    /** The request line of each example pair the page shows, in page order. */
    private static List<String> pairRequests(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<h3>Example pair, whole</h3>\n<p><code>([^<]*)</code>")
                .matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
