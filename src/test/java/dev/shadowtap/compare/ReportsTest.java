package dev.shadowtap.compare;

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
        CompareSummary.EndpointSummary bad = new CompareSummary.EndpointSummary("GET /" + EVIL, 4, 3, true,
                List.of(real, noise), Map.of(200, 4L), Map.of(200, 3L, 500, 1L),
                new CompareSummary.Latency(4, 1.5, 9.25), new CompareSummary.Latency(4, 2.5, 19.5));
        CompareSummary.EndpointSummary good = new CompareSummary.EndpointSummary("GET /ok", 2, 0, false, List.of(),
                Map.of(200, 2L), Map.of(200, 2L), new CompareSummary.Latency(0, 0, 0), new CompareSummary.Latency(0, 0, 0));
        return new CompareSummary(6, 3, OptionalDouble.of(0.05), Map.of("no-candidate", 2L), List.of(bad, good));
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        String html = HtmlReport.render(summary());
        assertThat(html).doesNotContain("<script").doesNotContain("</pre><script").doesNotContain("src=")
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
        SummaryJson.write(summary(), dir);
        JsonNode root = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json")));
        assertThat(root.get("failed").asBoolean()).isTrue();
        assertThat(root.get("unpaired").get("no-candidate").asLong()).isEqualTo(2);
        JsonNode field = root.get("endpoints").get(0).get("fields").get(0);
        assertThat(field.get("field").asText()).isEqualTo("$['" + EVIL + "']");
        assertThat(field.get("noise_share").asDouble()).isEqualTo(0.25);
        assertThat(field.get("classification").asText()).isEqualTo("difference");
        assertThat(root.get("endpoints").get(0).get("status_candidate").get("500").asLong()).isEqualTo(1);
        assertThat(SummaryText.lines(summary())).containsExactly(
                "compare: 2 endpoint(s), 6 compared, 3 differing, not compared: no-candidate=2; FAILED: above 5.0%",
                "compare: GET /" + EVIL + ": 3 of 4 differ (75.0%): $['" + EVIL + "'] (3)");
        CompareSummary nothing = new CompareSummary(0, 0, OptionalDouble.empty(), Map.of("no-reference", 7L), List.of());
        assertThat(SummaryText.lines(nothing)).containsExactly(
                "compare: 0 endpoint(s), 0 compared, 0 differing, not compared: no-reference=7",
                "compare: no original response came with the requests: capture with --input-raw-track-response"
                        + " (or replay a .gor file recorded with it)");
    }
}
