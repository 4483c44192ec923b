package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The report's pictures from real comparison engines: the latency chart of both sides, the example
 * pair whole and side by side with its differing paths marked, bounded, escaped, and kept through
 * summary.json and a merge.
 */
class ReportPicturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARK = Pattern.compile("<mark class=\"(real|noisy)\" title=\"([^\"]*)\">([^<]*)</mark>");
    private long ts = 1_795_000_000_000_000_000L;

    private static CompareEngine engine() {
        CompareConfig config = new CompareConfig(null, List.of(), OptionalDouble.of(0.1), null, CompareConfig.Limits.DEFAULT);
        return new CompareEngine(config, new StageStats("compare"), null, System::nanoTime, () -> 1_795_500_000L);
    }

    private void exchange(CompareEngine engine, String id, String path, String original, String replayed,
                          long refMicros, long candMicros) {
        exchange(engine, id, path, response("application/json", "", original), response("application/json", "", replayed),
                refMicros, candMicros);
    }

    private void exchange(CompareEngine engine, String id, String path, byte[] original, byte[] replayed,
                          long refMicros, long candMicros) {
        ts += 1_000_000_000;
        String request = path.startsWith("/") ? "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n" : path; // else a binary one
        engine.accept(new Message(MessageType.REQUEST, id, ts, Message.NO_LATENCY, request.getBytes(StandardCharsets.ISO_8859_1)));
        engine.accept(new Message(MessageType.RESPONSE, id, ts + refMicros * 1000, refMicros * 1000, original));
        engine.accept(new Message(MessageType.REPLAYED, id, ts, candMicros * 1000, replayed));
    }

    private static byte[] response(String type, String headers, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\n" + headers + "Content-Length: " + b.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + b.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(b, 0, out, head.length, b.length);
        return out;
    }

    private static EndpointState endpoint(ReportState state, String name) {
        return state.endpoints().stream().filter(e -> e.endpoint().equals(name)).findFirst().orElseThrow();
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The points of an SVG path's d attribute: "M x y L x y ...". */
    private static List<double[]> points(Element path) {
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("[ML]([\\d.]+) ([\\d.]+)").matcher(path.getAttribute("d"));
        while (m.find()) {
            out.add(new double[]{Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }

    @Test
    void theLatencyChartDrawsBothSidesCumulativelyOnALogAxisWithTheirPercentiles() throws Exception {
        CompareEngine engine = engine();
        for (int i = 0; i < 100; i++) {
            // reference 0.2 ms to 5.1 ms, candidate ten times slower
            exchange(engine, "a" + i, "/api/items/" + i, "{\"n\":1}", "{\"n\":1}", 200 + i * 50, 2000 + i * 500);
        }
        EndpointState e = endpoint(engine.finishState(), "GET /api/items/{id}");

        Document svg = xml(ReportSvg.latency(e.latencyReference(), e.latencyCandidate()));

        NodeList paths = svg.getElementsByTagName("path");
        assertThat(paths.getLength()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            Element path = (Element) paths.item(i);
            List<double[]> pts = points(path);
            assertThat(pts).as(path.getAttribute("class")).hasSize(ReportSvg.SAMPLES + 1);
            for (int j = 1; j < pts.size(); j++) {
                assertThat(pts.get(j)[0]).isGreaterThan(pts.get(j - 1)[0]); // left to right
                assertThat(pts.get(j)[1]).isLessThanOrEqualTo(pts.get(j - 1)[1]); // a share never falls
            }
            assertThat(pts.getLast()[1]).as("all responses at or below the axis' end").isEqualTo(pts.stream()
                    .mapToDouble(p -> p[1]).min().orElseThrow());
        }
        assertThat(((Element) paths.item(0)).getAttribute("class")).isEqualTo("ref");
        assertThat(((Element) paths.item(1)).getAttribute("class")).isEqualTo("cand");
        // the candidate, slower, reaches half its responses further right than the reference
        List<double[]> ref = points((Element) paths.item(0));
        List<double[]> cand = points((Element) paths.item(1));
        assertThat(ref.get(ReportSvg.SAMPLES / 2)[1]).isLessThan(cand.get(ReportSvg.SAMPLES / 2)[1]);
        List<String> titles = new ArrayList<>();
        NodeList circles = svg.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            titles.add(circles.item(i).getTextContent());
        }
        assertThat(titles).containsExactly(
                "reference p50 " + ReportSvg.ms(e.latencyReference().getValueAtPercentile(50) / 1000.0),
                "reference p99 " + ReportSvg.ms(e.latencyReference().getValueAtPercentile(99) / 1000.0),
                "candidate p50 " + ReportSvg.ms(e.latencyCandidate().getValueAtPercentile(50) / 1000.0),
                "candidate p99 " + ReportSvg.ms(e.latencyCandidate().getValueAtPercentile(99) / 1000.0));
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("0.1 ms", "1 ms", "10 ms", "100 ms", "0%", "50%", "100%", "latency (ms, log scale)",
                "responses at or below", "reference (wire, at capture): 100 responses, p50 ",
                "candidate (replay client): 100 responses, p50 ");
    }

    @Test
    void aChartSaysSoWhenNoLatencyWasRecordedAndDecadesReadAsTimes() {
        var empty = HistogramText.empty();
        assertThat(ReportSvg.latency(empty, empty)).doesNotContain("<svg").contains("No latency was recorded");
        assertThat(List.of(-3, -1, 0, 2, 3, 4).stream().map(ReportSvg::decade).toList())
                .containsExactly("0.001 ms", "0.1 ms", "1 ms", "100 ms", "1 s", "10 s");
    }

    @Test
    void theFirstPairWithARealDifferenceIsShownWholeSideBySideWithItsPathsMarked() {
        CompareEngine engine = engine();
        // a pair whose only difference is noise is not kept
        exchange(engine, "n1", "/api/carts/1", "{\"id\":1,\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"id\":1,\"at\":\"2026-01-01T00:00:09Z\"}", 100, 100);
        exchange(engine, "p1", "/api/carts/2",
                response("application/json", "X-Version: 1\r\n",
                        "{\"id\":2,\"items\":[{\"sku\":\"a\",\"price\":3},{\"sku\":\"b\",\"price\":4}],\"at\":\"2026-01-01T00:00:00Z\"}"),
                response("application/json", "X-Version: 2\r\n",
                        "{\"id\":2,\"items\":[{\"sku\":\"a\",\"price\":3},{\"sku\":\"b\",\"price\":5}],\"at\":\"2026-01-01T00:00:07Z\"}"),
                100, 100);
        exchange(engine, "p2", "/api/carts/3", "{\"id\":3}", "{\"id\":4}", 100, 100);
        EndpointState e = endpoint(engine.finishState(), "GET /api/carts/{id}");
        assertThat(e.pair().id()).isEqualTo("p1");
        assertThat(e.pair().realPaths()).containsExactlyInAnyOrder("header:x-version", "$.items[1].price");
        assertThat(e.pair().noisePaths()).containsExactly("$.at");

        String html = BodySideBySide.render(e.pair(), e.endpoint(), LearnedNoise.of(java.util.Map.of()));

        String reference = html.substring(html.indexOf("reference (original)"), html.indexOf("candidate (replayed)"));
        String candidate = html.substring(html.indexOf("candidate (replayed)"));
        assertThat(marks(reference)).containsExactly("real header:x-version X-Version: 1",
                "real $.items[1].price       \"price\": 4", "noisy $.at   \"at\": \"2026-01-01T00:00:00Z\"");
        assertThat(marks(candidate)).containsExactly("real header:x-version X-Version: 2",
                "real $.items[1].price       \"price\": 5", "noisy $.at   \"at\": \"2026-01-01T00:00:07Z\"");
        // the whole body, indented, the same lines unmarked
        assertThat(reference.replace("&quot;", "\"")).contains("{\n  \"id\": 2,\n  \"items\": [\n    {\n      \"sku\": \"a\",\n"
                + "      \"price\": 3\n    },\n    {\n      \"sku\": \"b\",\n")
                .contains("status 200\n").contains("<p class=\"note\">JSON, indented</p>");
        assertThat(html).contains("<code class=\"real\">$.items[1].price</code>").contains("<code class=\"noisy\">$.at</code> (noise)");
    }

    /** "class path text" of each marked line. */
    private static List<String> marks(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = MARK.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3).replace("&quot;", "\""));
        }
        return out;
    }

    @Test
    void aFieldLearnedNoiseByTheEndIsMarkedAsNoise() {
        ExamplePair pair = new ExamplePair("x", "GET /s HTTP/1.1", side("{\"node\":1}"), side("{\"node\":2}"),
                List.of("$.node"), List.of());
        LearnedNoise learned = LearnedNoise.of(java.util.Map.of("GET /s", java.util.Map.of("$.node", NoiseReason.LEARNED)));
        assertThat(marks(BodySideBySide.render(pair, "GET /s", learned))).containsExactly(
                "noisy $.node   \"node\": 1", "noisy $.node   \"node\": 2");
        assertThat(marks(BodySideBySide.render(pair, "GET /s", LearnedNoise.of(java.util.Map.of())))).containsExactly(
                "real $.node   \"node\": 1", "real $.node   \"node\": 2");
    }

    private static ExamplePair.Side side(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return new ExamplePair.Side(200, List.of(new dev.shadowtap.http.HttpHeader("Content-Type", "application/json")),
                b, b.length);
    }

    @Test
    void textBodiesMarkTheirChangedLinesAndBinaryOnesTheRowOfTheirFirstDifference() {
        CompareEngine engine = engine();
        exchange(engine, "t1", "/doc", response("text/plain", "", "one\ntwo\nthree"),
                response("text/plain", "", "one\nTWO\nthree"), 100, 100);
        EndpointState text = endpoint(engine.finishState(), "GET /doc");
        assertThat(marks(BodySideBySide.render(text.pair(), text.endpoint(), LearnedNoise.of(java.util.Map.of()))))
                .containsExactly("real body:line:2 two", "real body:line:2 TWO");

        byte[] a = new byte[100];
        byte[] b = new byte[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] = (byte) (i * 7);
        }
        b[40] = 0x41;
        PrettyBody.Shown shown = PrettyBody.of(new ExamplePair.Side(200, List.of(), a, a.length), "", b);
        assertThat(shown.lines()).hasSize(7);
        assertThat(shown.lines().stream().filter(l -> l.path().equals(PrettyBody.BYTES)).map(PrettyBody.Line::text))
                .containsExactly(String.format(Locale.ROOT, "00000020  %s  |%s|", hex(a, 32), ascii(a, 32)));
        assertThat(shown.note()).isEqualTo("binary, 100 bytes; shown as hex");

        // a binary protocol's reply, even one that reads as text, shows the row of its first differing byte
        CompareEngine redis = engine();
        exchange(redis, "r1", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "+OK\r\n$5\r\nhello\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "+OK\r\n$5\r\nhellO\r\n".getBytes(StandardCharsets.ISO_8859_1), 100, 100);
        EndpointState binary = endpoint(redis.finishState(), BinaryExchange.ENDPOINT);
        assertThat(marks(BodySideBySide.render(binary.pair(), binary.endpoint(), LearnedNoise.of(java.util.Map.of()))))
                .hasSize(2).allMatch(m -> m.startsWith("real body:bytes 00000000  2b 4f 4b 0d 0a 24 35 0d 0a 68 65 6c 6c"));
    }

    private static String hex(byte[] bytes, int from) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + 16; i++) {
            s.append(i > from ? " " : "").append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        return s.toString();
    }

    private static String ascii(byte[] bytes, int from) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + 16; i++) {
            int c = bytes[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return s.toString();
    }

    @Test
    void bodiesAreKeptUpToTheirCapAndACutBodyIsShownAsText() {
        CompareEngine engine = engine();
        String big = "{\"pad\":\"" + "x".repeat(80_000) + "\",\"v\":1}";
        exchange(engine, "b1", "/big", big, big.replace("\"v\":1", "\"v\":2"), 100, 100);
        ExamplePair pair = endpoint(engine.finishState(), "GET /big").pair();
        assertThat(pair.reference().body()).hasSize(ExamplePair.MAX_BODY);
        assertThat(pair.reference().length()).isEqualTo(big.length());
        assertThat(pair.reference().cut()).isTrue();

        String html = BodySideBySide.render(pair, "GET /big", LearnedNoise.of(java.util.Map.of()));
        assertThat(html).contains("text: the first 65,536 of 80,016 bytes");
        // a cut through a character of several bytes: still text, without that character's first bytes
        byte[] euros = "\u20ac".repeat(30_000).getBytes(StandardCharsets.UTF_8);
        PrettyBody.Shown shown = PrettyBody.of(new ExamplePair.Side(200, List.of(), euros, euros.length), "text/plain",
                new byte[0]);
        assertThat(shown.note()).isEqualTo("text: the first 65,536 of 90,000 bytes");
        assertThat(shown.lines()).singleElement().extracting(PrettyBody.Line::text).isEqualTo("\u20ac".repeat(65_535 / 3));
    }

    @Test
    void everyValueOfThePairIsEscaped() {
        CompareEngine engine = engine();
        String evil = "</pre><script>alert(1)</script><img src=x onerror=alert(2)>";
        exchange(engine, "<b>id</b>", "/x",
                response("application/json", "X-Evil: " + evil + "\r\n", "{\"" + evil + "\":1,\"t\":\"" + evil + "\"}"),
                response("text/plain", "X-Evil: <i>\r\n", evil), 100, 100);
        ReportState state = engine.finishState();

        String page = HtmlReport.render(state.summarize(), state);

        assertThat(page.split("<script", -1)).hasSize(2); // the filter's own, nothing else
        assertThat(page).contains(ReportPage.script()).doesNotContain("<img").doesNotContain("<b>id").doesNotContain("<i>")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void thePairAndTheHistogramsSurviveSummaryJsonAndAMergeKeepsTheSmallestId() throws Exception {
        CompareEngine one = engine();
        CompareEngine two = engine();
        exchange(one, "b7", "/api/p/1", "{\"price\":1}", "{\"price\":2}", 300, 900);
        exchange(two, "a3", "/api/p/2", "{\"price\":5,\"name\":\"<x>\"}", "{\"price\":6,\"name\":\"<x>\"}", 700, 4000);
        exchange(two, "a4", "/api/p/3", "{\"price\":5}", "{\"price\":5}", 800, 5000);
        ReportState a = roundTrip(one.finishState());
        ReportState b = roundTrip(two.finishState());
        assertThat(endpoint(b, "GET /api/p/{id}").pair().reference().body())
                .isEqualTo("{\"price\":5,\"name\":\"<x>\"}".getBytes(StandardCharsets.UTF_8));

        for (List<ReportState> order : List.of(List.of(a, b), List.of(b, a))) {
            ReportState merged = roundTrip(StateMerge.merge(order));
            EndpointState e = endpoint(merged, "GET /api/p/{id}");
            assertThat(e.pair().id()).isEqualTo("a3");
            assertThat(e.pair().realPaths()).containsExactly("$.price");
            assertThat(e.latencyCandidate().getTotalCount()).isEqualTo(3);
            String page = HtmlReport.render(merged.summarize(), merged);
            assertThat(page).contains("<path class=\"ref\"").contains("<path class=\"cand\"")
                    .contains("reference (wire, at capture): 3 responses")
                    .contains("<mark class=\"real\" title=\"$.price\">  &quot;price&quot;: 6,</mark>")
                    .contains("&quot;name&quot;: &quot;&lt;x&gt;&quot;");
        }
    }

    @Test
    void aBadPairInSummaryJsonIsRefusedWithItsPath() throws Exception {
        CompareEngine engine = engine();
        exchange(engine, "c1", "/q", "{\"a\":1}", "{\"a\":2}", 100, 100);
        var tree = ReportStateJson.tree(engine.finishState());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("endpoints").get(0).get("pair").get("candidate"))
                .put("body", "not base64!");
        assertThatThrownBy(() -> ReportStateReader.read(JSON.readTree(tree.toString())))
                .hasMessage("merge.endpoints[0].pair.candidate.body: not base64");
    }

    private static ReportState roundTrip(ReportState state) throws Exception {
        return ReportStateReader.read(JSON.readTree(JSON.writeValueAsString(ReportStateJson.tree(state)))).state();
    }
}
