package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.shadowtap.compare.ReportJson.endpoint;
import static dev.shadowtap.compare.ReportJson.field;
import static dev.shadowtap.compare.ReportJson.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real versions of a service (B with one wrong price, {@link ShopService}); A's traffic recorded
 * from real exchanges into a .gor file with the responses; the command line replays it to B (or A)
 * and compares. The logic error that still answers 200 is found, named by endpoint and field; the
 * values that change on every response are noise.
 */
class CompareEndToEndTest {
    private static final String PRODUCTS = "GET /api/products/{id}";
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path dir;
    @RegisterExtension
    final ShopServices shops = new ShopServices();

    /** 10 products (5 of them even: B's wrong price), 3 users, 4 orders, 2 catalogs (gzip, chunked). */
    private Path recordA() throws IOException {
        Exchanges recorder = new Exchanges();
        for (int i = 1; i <= 10; i++) {
            recorder.send(shops.a().port(), Exchanges.get("/api/products/" + i + "?ref=home"));
            Thread.onSpinWait();
        }
        for (int i = 0; i < 3; i++) {
            recorder.send(shops.a().port(), Exchanges.get("/api/users/" + UUID.randomUUID()));
        }
        for (int i = 0; i < 4; i++) {
            recorder.send(shops.a().port(), Exchanges.post("/api/orders", "{\"sku\":\"a-" + i + "\",\"qty\":" + i + "}"));
        }
        recorder.send(shops.a().port(), Exchanges.get("/api/catalog"));
        recorder.send(shops.a().port(), Exchanges.get("/api/catalog"));
        return Gor.write(dir.resolve("rec.gor"), recorder.records());
    }

    private Run compare(Path recording, ShopService target, Path report, String... more) {
        List<String> args = new ArrayList<>(List.of("--input-file", recording + "|10000%", "--output-http", target.url(),
                "--output-http-track-response", "--compare-report", report.toString()));
        args.addAll(List.of(more));
        return Run.of(args.toArray(String[]::new));
    }




    private List<JsonNode> diffs(Path report) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(report.resolve("diffs.jsonl"))) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    @Test
    void theWrongPriceOfVersionBIsFoundByEndpointAndFieldAndTheRunFails() throws IOException {
        Path recording = recordA();
        Path report = dir.resolve("report");

        Run run = compare(recording, shops.b(), report, "--compare-fail-above", "0.01");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        JsonNode summary = summary(report);
        assertThat(summary.get("compared").asLong()).isEqualTo(19);
        assertThat(summary.get("differing").asLong()).isEqualTo(5);
        assertThat(summary.get("failed").asBoolean()).isTrue();
        assertThat(summary.get("unpaired").size()).isZero();
        JsonNode products = endpoint(summary, PRODUCTS);
        assertThat(products.get("compared").asLong()).isEqualTo(10);
        assertThat(products.get("differing").asLong()).isEqualTo(5);
        assertThat(products.get("failed").asBoolean()).isTrue();
        JsonNode price = field(products, "$.price");
        assertThat(price.get("classification").asText()).isEqualTo("difference");
        assertThat(price.get("differences").asLong()).isEqualTo(5);
        assertThat(price.get("noise").asLong()).isZero();
        assertThat(price.get("examples").get(0).get("reference").asText()).matches("1\\d\\.0");
        assertThat(price.get("examples").get(0).get("candidate").asText()).matches("1\\d\\.5");
        JsonNode generatedAt = field(products, "$.generated_at");
        assertThat(generatedAt.get("classification").asText()).isEqualTo("noise");
        assertThat(generatedAt.get("noise_share").asDouble()).isEqualTo(1.0);
        assertThat(generatedAt.get("noise_reasons").get("volatile").asLong()).isEqualTo(10);
        assertThat(field(products, "header:x-request-id").get("classification").asText()).isEqualTo("noise");
        assertThat(products.get("status_reference").get("200").asLong()).isEqualTo(10);
        assertThat(products.get("status_candidate").get("200").asLong()).isEqualTo(10);
        assertThat(products.get("latency_ms").get("reference").get("count").asLong()).isEqualTo(10);
        assertThat(products.get("latency_ms").get("candidate").get("p99").asDouble()).isPositive();
        for (String other : List.of("GET /api/users/{id}", "POST /api/orders", "GET /api/catalog")) {
            JsonNode e = endpoint(summary, other);
            assertThat(e.get("differing").asLong()).as(other).isZero();
            assertThat(e.get("compared").asLong()).as(other).isPositive();
            for (JsonNode f : e.get("fields")) {
                assertThat(f.get("classification").asText()).as(other + " " + f).isEqualTo("noise");
            }
        }
        // the gzip'd chunked catalog was decoded: its timestamp is a JSON field, not a binary digest
        assertThat(field(endpoint(summary, "GET /api/catalog"), "$.as_of").get("classification").asText())
                .isEqualTo("noise");

        List<JsonNode> diffs = diffs(report);
        assertThat(diffs).hasSize(5);
        Set<String> realFields = new HashSet<>();
        for (JsonNode line : diffs) {
            assertThat(line.get("endpoint").asText()).isEqualTo(PRODUCTS);
            assertThat(line.get("request").asText()).matches("GET /api/products/(2|4|6|8|10)\\?ref=home HTTP/1.1");
            for (JsonNode d : line.get("differences")) {
                if (!d.get("noise").asBoolean()) {
                    realFields.add(d.get("path").asText() + " " + d.get("kind").asText());
                } else {
                    assertThat(d.get("noise_reason").asText()).isEqualTo("volatile");
                }
            }
        }
        assertThat(realFields).containsExactly("$.price changed");

        String junit = Files.readString(report.resolve("junit.xml"));
        assertThat(junit).contains("tests=\"4\" failures=\"1\"")
                .contains("<testcase classname=\"compare\" name=\"GET /api/products/{id}\">")
                .contains("<failure message=\"5 of 10 responses differ (50.0%), above 1.0%\">")
                .contains("<testcase classname=\"compare\" name=\"POST /api/orders\"/>");
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("GET /api/products/{id}").contains("$.price")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(html.split("<script", -1)).as("only the page's own filter script").hasSize(2);
        assertThat(html.split("<svg class=\"chart\"", -1)).as("a latency chart per endpoint").hasSize(5);
        assertThat(html).contains("<mark class=\"real\" title=\"$.price\">");
        assertThat(report.resolve("diffs.jsonl.partial")).doesNotExist();
        assertThat(run.err()).contains("compare: compared 19 of 19 requests seen, 5 differing, 4 endpoint(s)")
                .contains("compare: GET /api/products/{id}: 5 of 10 differ (50.0%): $.price (5)");
    }

    @Test
    void aThresholdAboveTheDifferenceRatePasses() throws IOException {
        Path report = dir.resolve("report");
        Run run = compare(recordA(), shops.b(), report, "--compare-fail-above", "60%");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode summary = summary(report);
        assertThat(summary.get("differing").asLong()).isEqualTo(5);
        assertThat(summary.get("failed").asBoolean()).isFalse();
        assertThat(summary.get("fail_above").asDouble()).isEqualTo(0.6);
    }

    @Test
    void replayingAgainstTheSameVersionFindsNoDifference() throws IOException {
        Path report = dir.resolve("report");
        Run run = compare(recordA(), shops.a(), report, "--compare-fail-above", "0.01");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode summary = summary(report);
        assertThat(summary.get("compared").asLong()).isEqualTo(19);
        assertThat(summary.get("differing").asLong()).isZero();
        assertThat(diffs(report)).isEmpty();
        assertThat(Files.readString(report.resolve("junit.xml"))).contains("failures=\"0\"");
    }

    @Test
    void aFieldThatDiffersBetweenTwoOriginalsToTheSameRequestIsLearnedNoise() throws IOException {
        Exchanges recorder = new Exchanges();
        for (int i = 0; i < 3; i++) {
            recorder.send(shops.a().port(), Exchanges.get("/api/stock/7"));
        }
        recorder.send(shops.a().port(), Exchanges.get("/api/stock/8"));
        Path recording = Gor.write(dir.resolve("stock.gor"), recorder.records());
        Path report = dir.resolve("report");

        Run run = compare(recording, shops.a(), report, "--compare-fail-above", "0");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode stock = endpoint(summary(report), "GET /api/stock/{id}");
        assertThat(stock.get("compared").asLong()).isEqualTo(4);
        assertThat(stock.get("differing").asLong()).isZero();
        JsonNode servedBy = field(stock, "$.served_by");
        assertThat(servedBy.get("classification").asText()).isEqualTo("noise");
        assertThat(servedBy.get("noise_reasons").get("learned").asLong()).isEqualTo(4);
        assertThat(diffs(report)).isEmpty();
    }

    @Test
    void withoutLearningTheSameRandomFieldIsARealDifference() throws IOException {
        Exchanges recorder = new Exchanges();
        recorder.send(shops.a().port(), Exchanges.get("/api/stock/7"));
        recorder.send(shops.a().port(), Exchanges.get("/api/stock/8"));
        Path report = dir.resolve("report");

        Run run = compare(Gor.write(dir.resolve("stock.gor"), recorder.records()), shops.a(), report, "--compare-fail-above", "0");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(field(endpoint(summary(report), "GET /api/stock/{id}"), "$.served_by").get("classification").asText())
                .isEqualTo("difference");
        // an explicit rule makes it noise
        Path ruled = dir.resolve("ruled");
        Run ignored = compare(dir.resolve("stock.gor"), shops.a(), ruled, "--compare-fail-above", "0",
                "--compare-ignore", "$.served_by");
        assertThat(ignored.status()).as(ignored.err()).isZero();
        assertThat(field(endpoint(summary(ruled), "GET /api/stock/{id}"), "$.served_by").get("noise_reasons")
                .get("rule").asLong()).isEqualTo(2);
    }

    @Test
    void whatDiffersBetweenTwoOldInstancesIsNoiseWithASecondary() throws IOException {
        Exchanges recorder = new Exchanges();
        recorder.send(shops.a().port(), Exchanges.get("/api/stock/7"));
        recorder.send(shops.a().port(), Exchanges.get("/api/stock/8"));
        for (int i = 1; i <= 4; i++) {
            recorder.send(shops.a().port(), Exchanges.get("/api/products/" + i));
        }
        Path recording = Gor.write(dir.resolve("mixed.gor"), recorder.records());
        Path report = dir.resolve("report");
        try (ShopService secondA = ShopService.versionA()) {
            Run run = compare(recording, shops.b(), report, "--compare-fail-above", "0.4", "--compare-secondary", secondA.url());

            assertThat(run.status()).as(run.err()).isEqualTo(1);
            JsonNode summary = summary(report);
            assertThat(summary.get("unpaired").size()).as(summary.toString()).isZero();
            JsonNode stock = endpoint(summary, "GET /api/stock/{id}");
            assertThat(stock.get("differing").asLong()).isZero();
            assertThat(field(stock, "$.served_by").get("noise_reasons").get("secondary").asLong()).isEqualTo(2);
            // the old instances agree on the price: B's wrong price is still a real difference
            JsonNode products = endpoint(summary, PRODUCTS);
            assertThat(products.get("differing").asLong()).isEqualTo(2);
            assertThat(field(products, "$.price").get("classification").asText()).isEqualTo("difference");
        }
    }

    @Test
    void compareWithoutReportPrintsTheSummaryOnly() throws IOException {
        Run run = Run.of("--input-file", recordA() + "|10000%", "--output-http", shops.b().url(), "--output-http-track-response",
                "--compare");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("compare: compared 19 of 19 requests seen, 5 differing, 4 endpoint(s)");
    }

    @Test
    void badComparisonFlagsAreOneLineUsageErrors() throws IOException {
        Path rec = Gor.write(dir.resolve("r.gor"), Gor.records(2, 0, 1));
        Run noTrack = Run.of("--input-file", rec.toString(), "--output-http", shops.b().url(), "--compare-report", "x");
        assertThat(noTrack.status()).isEqualTo(2);
        assertThat(noTrack.err().strip()).isEqualTo("shadowtap: --compare-report needs --output-http URL with "
                + "--output-http-track-response (the replayed responses it compares), or --output-binary ADDR with "
                + "--output-binary-track-response");
        Run rate = Run.of("--input-file", rec.toString(), "--output-http", shops.b().url(), "--output-http-track-response",
                "--compare-fail-above", "lots");
        assertThat(rate.status()).isEqualTo(2);
        assertThat(rate.err().strip()).isEqualTo("shadowtap: invalid value for --compare-fail-above: 'lots' "
                + "(expected a rate like 0.05 or 5%)");
        Run rule = Run.of("--input-file", rec.toString(), "--output-http", shops.b().url(), "--output-http-track-response",
                "--compare-ignore", "price");
        assertThat(rule.status()).isEqualTo(2);
        assertThat(rule.err().strip()).isEqualTo("shadowtap: invalid value for --compare-ignore: 'price' "
                + "(expected a JSON path like $.meta.generated_at or header:NAME)");
        Run secondary = Run.of("--input-file", rec.toString(), "--output-http", shops.b().url(), "--output-http-track-response",
                "--compare-secondary", "ftp://x");
        assertThat(secondary.err().strip()).isEqualTo("shadowtap: invalid value for --compare-secondary: 'ftp://x' "
                + "(expected an http:// or https:// URL)");
        assertThat(Run.of("--help").out()).contains("Comparison:").contains("--compare-report DIR")
                .contains("--compare-fail-above RATE").contains("--compare-ignore RULE").contains("--compare-secondary URL");
        assertThat(new String(Files.readAllBytes(rec), StandardCharsets.ISO_8859_1)).isNotEmpty();
    }
}
