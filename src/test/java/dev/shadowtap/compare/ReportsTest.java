package dev.shadowtap.compare;

import dev.shadowtap.core.Reasons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The report files from one summary whose values come from a hostile server: everything is escaped. */
class ReportsTest {
    private static final String EVIL = "<script>alert('x')</script>&\"";
    @TempDir
    Path dir;

    private static CompareSummary summary() {
        CompareSummary.Example example = new CompareSummary.Example("abc", "GET /x?q=" + EVIL + " HTTP/1.1", "$.a",
                "changed", EVIL, "</pre>" + EVIL);
        CompareSummary.FieldSummary real = new CompareSummary.FieldSummary("$['" + EVIL + "']", Set.of("changed"), 4, 1,
                Map.of("volatile", 1L), List.of(example));
        CompareSummary.FieldSummary noise = new CompareSummary.FieldSummary("header:date", Set.of("changed"), 4, 4,
                Map.of("volatile", 4L), List.of());
        CompareSummary.EndpointSummary bad = new CompareSummary.EndpointSummary("GET /" + EVIL, 4, 3, 0, true,
                List.of(real, noise), Map.of(200, 4L), Map.of(200, 3L, 500, 1L),
                new CompareSummary.Latency(4, 1.5, 9.25), new CompareSummary.Latency(4, 2.5, 19.5));
        CompareSummary.EndpointSummary good = new CompareSummary.EndpointSummary("GET /ok", 2, 0, 0, false, List.of(),
                Map.of(200, 2L), Map.of(200, 2L), new CompareSummary.Latency(0, 0, 0), new CompareSummary.Latency(0, 0, 0));
        return new CompareSummary(6, 3, OptionalDouble.of(0.05), Map.of(Reasons.labelled("no-candidate"), 2L), List.of(bad, good));
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        String html = HtmlReport.render(summary());
        // the one script is the page's own filter, allowed by its hash alone
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).contains(ReportPage.script()).contains("script-src '" + "sha256-")
                .doesNotContain("</pre><script").doesNotContain("src=")
                .doesNotContain("http://").doesNotContain("https://")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
                .contains("<span class=\"bad\">FAILED</span>").contains("no-candidate 2")
                .contains("200: 3, 500: 1").contains("1.50 / 9.25 ms");
    }

    @Test
    void junitIsWellFormedXmlWithOneFailure() throws Exception {
        String xml = JunitReport.render(summary());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("testcase").item(0).getAttributes().getNamedItem("name").getNodeValue())
                .isEqualTo("GET /" + EVIL);
        assertThat(doc.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("3 of 4 responses differ (75.0%), above 5.0%");
    }

    @Test
    void summaryJsonRoundTripsAndTheTextSummaryNamesTheTopField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(json.writeValueAsString(SummaryJson.tree(summary())));
        assertThat(root.get("failed").asBoolean()).isTrue();
        assertThat(root.get("unpaired").get("no-candidate").asLong()).isEqualTo(2);
        JsonNode field = root.get("endpoints").get(0).get("fields").get(0);
        assertThat(field.get("field").asText()).isEqualTo("$['" + EVIL + "']");
        assertThat(field.get("noise_share").asDouble()).isEqualTo(0.25);
        assertThat(field.get("classification").asText()).isEqualTo("difference");
        assertThat(root.get("endpoints").get(0).get("status_candidate").get("500").asLong()).isEqualTo(1);
        assertThat(SummaryText.lines(summary())).containsExactly(
                "compare: compared 6 of 8 requests seen, 3 differing, 2 endpoint(s); not compared: no-candidate 2;"
                        + " FAILED: above 5.0%",
                "compare: GET /" + EVIL + ": 3 of 4 differ (75.0%): $['" + EVIL + "'] (3)");
        CompareSummary nothing = new CompareSummary(0, 0, OptionalDouble.empty(), Map.of(Reasons.labelled("no-reference"), 7L), List.of());
        assertThat(SummaryText.lines(nothing)).containsExactly(
                "compare: compared 0 of 7 requests seen, 0 differing, 0 endpoint(s); not compared: no-reference 7",
                "compare: nothing was compared: 0 requests had no replayed response (no-candidate), 7 no original"
                        + " response (no-reference)",
                "compare: no original response came with the requests: capture with --input-raw-track-response"
                        + " (or replay a .gor file recorded with it)");
    }

    @Test
    void aGateThatComparedNothingFailsInEveryReport() throws Exception {
        CompareSummary nothing = new CompareSummary(0, 0, OptionalDouble.of(0.01),
                Map.of(Reasons.labelled("no-candidate"), 12L, Reasons.labelled("no-reference"), 3L), List.of());

        assertThat(nothing.failed()).isTrue();
        assertThat(SummaryText.lines(nothing)).contains("compare: nothing was compared: 12 requests had no replayed"
                + " response (no-candidate), 3 no original response (no-reference)");
        assertThat(SummaryText.lines(nothing).getFirst()).endsWith("; FAILED: above 1.0%");
        JsonNode root = new ObjectMapper().readTree(SummaryJson.tree(nothing).toString());
        assertThat(root.get("failed").asBoolean()).isTrue();
        assertThat(root.get("error").asText()).startsWith("nothing was compared: 12 requests");
        assertThat(HtmlReport.render(nothing)).contains("<span class=\"bad\">FAILED</span>")
                .contains("Nothing was compared: 12 requests had no replayed response");
        String xml = JunitReport.render(nothing);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        // without a gate, nothing compared is reported but does not fail
        CompareSummary ungated = new CompareSummary(0, 0, OptionalDouble.empty(), Map.of(Reasons.labelled("no-candidate"), 12L), List.of());
        assertThat(ungated.failed()).isFalse();
        assertThat(JunitReport.render(ungated)).doesNotContain("<error");
    }

    @Test
    void aStatusChangeIsListedFirstAndHighlightedAndLatencyCarriesItsCaveat() {
        CompareSummary.Example status = new CompareSummary.Example("s", "GET /a HTTP/1.1", "status", "status", "200", "500");
        CompareSummary.FieldSummary statusField = new CompareSummary.FieldSummary("status", Set.of("status"), 1, 0,
                Map.of(), List.of(status));
        CompareSummary.FieldSummary body = new CompareSummary.FieldSummary("$.a", Set.of("changed"), 3, 0, Map.of(),
                List.of());
        CompareSummary.EndpointSummary e = new CompareSummary.EndpointSummary("GET /a", 4, 3, 0, true,
                List.of(body, statusField), Map.of(200, 4L), Map.of(200, 3L, 500, 1L),
                new CompareSummary.Latency(4, 1, 2), new CompareSummary.Latency(4, 3, 4));
        CompareSummary s = new CompareSummary(4, 3, OptionalDouble.empty(), Map.of(), List.of(e));

        assertThat(SummaryText.lines(s)).contains("compare: GET /a: 3 of 4 differ (75.0%): status 200 -> 500 (1), $.a (3)");
        // a gRPC answer that gave no grpc-status (a 404 from a plain HTTP/2 server) reads as absent, not blank
        CompareSummary.Example none = new CompareSummary.Example("g", "POST /s.S/M HTTP/2.0", "grpc-status", "status", "0", "");
        CompareSummary.EndpointSummary grpc = new CompareSummary.EndpointSummary("/s.S/M", 2, 2, 0, true,
                List.of(new CompareSummary.FieldSummary("grpc-status", Set.of("status"), 2, 0, Map.of(), List.of(none))),
                Map.of(200, 2L), Map.of(404, 2L), new CompareSummary.Latency(2, 1, 2), new CompareSummary.Latency(2, 1, 2));
        assertThat(SummaryText.lines(new CompareSummary(2, 2, OptionalDouble.empty(), Map.of(), List.of(grpc))))
                .contains("compare: /s.S/M: 2 of 2 differ (100.0%): grpc-status 0 -> (absent) (2)");
        String html = HtmlReport.render(s);
        assertThat(html).contains("<td class=\"bad\">&#9888; 200: 3, 500: 1</td>").contains(Markup.escape(HtmlReport.LATENCY_CAVEAT))
                .contains("reference (wire, at capture)").contains("candidate (replay client)");
    }
}
