package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.shadowtap.compare.ReportJson.endpoint;
import static dev.shadowtap.compare.ReportJson.field;
import static dev.shadowtap.compare.ReportJson.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user trial of {@code --compare*} found, on real servers and real .gor files: a gate that
 * compared nothing, a large body cut by the response buffer, GoReplay's one id per keep-alive
 * connection, ignore rules that were accepted and never applied, and the small things.
 */
class CompareTrialEndToEndTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ShopServices shops = new ShopServices();

    private Path recordProducts(int count) throws IOException {
        Exchanges recorder = new Exchanges();
        for (int i = 1; i <= count; i++) {
            recorder.send(shops.a().port(), Exchanges.get("/api/products/" + i));
        }
        return Gor.write(dir.resolve("rec.gor"), recorder.records());
    }

    private static Run replay(Path recording, String target, String... more) {
        List<String> args = new ArrayList<>(List.of("--input-file", recording + "|10000%", "--output-http", target,
                "--output-http-track-response"));
        args.addAll(List.of(more));
        return Run.of(args.toArray(String[]::new));
    }



    private static String deadTarget() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void aGateWithATargetThatNeverAnswersFails() throws IOException {
        Path recording = recordProducts(5);
        Path report = dir.resolve("report");

        Run run = replay(recording, deadTarget(), "--compare-report", report.toString(), "--compare-fail-above", "10%",
                "--output-http-timeout", "1s");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("compare: nothing was compared: 5 requests had no replayed response"
                + " (no-candidate), 0 no original response (no-reference)");
        JsonNode summary = summary(report);
        assertThat(summary.get("failed").asBoolean()).isTrue();
        assertThat(summary.get("compared").asLong()).isZero();
        assertThat(endpoint(summary, "GET /api/products/{id}").get("unanswered").asLong()).isEqualTo(5);
        assertThat(Files.readString(report.resolve("report.html"))).contains("<span class=\"bad\">FAILED</span>");
        assertThat(Files.readString(report.resolve("junit.xml"))).contains("errors=\"1\"")
                .contains("<error message=\"nothing was compared: 5 requests had no replayed response");

        // without a gate the run reports the same, and fails only because the target answered nothing at all
        Run ungated = replay(recording, deadTarget(), "--compare", "--output-http-timeout", "1s");
        assertThat(ungated.status()).as(ungated.err()).isEqualTo(1);
        assertThat(ungated.err()).contains("compare: nothing was compared: 5 requests had no replayed response")
                .contains(": no request was answered");
    }

    @Test
    void aGateOnARecordingWithoutResponsesFails() throws IOException {
        Path recording = recordProducts(4);
        List<Message> requestsOnly = Gor.read(recording).stream().filter(Message::isRequest).toList();
        Path bare = Gor.write(dir.resolve("bare.gor"), requestsOnly);

        Run run = replay(bare, shops.a().url(), "--compare-fail-above", "0.05");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("compare: nothing was compared: 0 requests had no replayed response"
                + " (no-candidate), 4 no original response (no-reference)");
    }

    @Test
    void aLargeJsonBodyWithARealChangeIsADifferenceNotNoise() throws IOException {
        Exchanges recorder = new Exchanges();
        byte[] original = recorder.send(shops.a().port(), Exchanges.get("/api/export"));
        assertThat(original.length).isGreaterThan(1_300_000);
        Path recording = Gor.write(dir.resolve("export.gor"), recorder.records());
        Path report = dir.resolve("report");

        Run run = replay(recording, shops.b().url(), "--compare-report", report.toString(), "--compare-fail-above", "0");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        JsonNode export = endpoint(summary(report), "GET /api/export");
        assertThat(export.get("differing").asLong()).isEqualTo(1);
        JsonNode field = export.get("fields").get(0);
        assertThat(field.get("field").asText()).isEqualTo("$.checksum");
        assertThat(field.get("classification").asText()).isEqualTo("difference");

        // a buffer the user set smaller cuts the reply: counted truncated, neither a difference nor noise
        Path cut = dir.resolve("cut");
        Run small = replay(recording, shops.b().url(), "--compare-report", cut.toString(), "--output-http-response-buffer", "1mb");
        assertThat(small.status()).as(small.err()).isZero();
        JsonNode summary = summary(cut);
        assertThat(summary.get("compared").asLong()).isZero();
        assertThat(summary.get("unpaired").get("truncated-candidate").asLong()).isEqualTo(1);
        assertThat(small.err()).contains("not compared: truncated-candidate 1");
    }

    /** GoReplay 1.2 files: one id per keep-alive connection, responses before their request, 100 Continue records. */
    private Path keepAliveRecording() throws IOException {
        Exchanges recorder = new Exchanges();
        for (int i = 1; i <= 10; i++) {
            recorder.send(shops.a().port(), Exchanges.get("/api/products/" + i));
            recorder.send(shops.a().port(), Exchanges.get("/api/users/" + UUID.randomUUID()));
            recorder.send(shops.a().port(), Exchanges.post("/api/orders", "{\"sku\":\"k-" + i + "\"}"));
        }
        List<Message> exchanges = recorder.records();
        List<Message> file = new ArrayList<>();
        for (int e = 0; e < exchanges.size() / 2; e++) {
            String id = String.format("%024x", 0xC0FFEE00L + e % 3); // 3 connections, 10 requests each
            Message request = exchanges.get(2 * e);
            Message response = exchanges.get(2 * e + 1);
            Message req = new Message(MessageType.REQUEST, id, request.timestampNs(), request.latencyNs(), request.payload());
            Message res = new Message(MessageType.RESPONSE, id, response.timestampNs(), response.latencyNs(),
                    response.payload());
            if (e % 3 == 2) { // an Expect: 100-continue exchange: the interim reply and the response come first
                file.add(new Message(MessageType.RESPONSE, id, response.timestampNs(), 1000,
                        "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                file.add(res);
                file.add(req);
            } else {
                file.add(req);
                file.add(res);
            }
        }
        return Gor.write(dir.resolve("keepalive.gor"), file);
    }

    @Test
    void requestsSharingAnIdArePairedInOrder() throws IOException {
        // default workers: the replay sends each id's requests one after another (IdOrder), the
        // comparison pairs them in order
        Path recording = keepAliveRecording();
        Path same = dir.resolve("same");

        Run identical = replay(recording, shops.a().url(), "--compare-report", same.toString(), "--compare-fail-above", "0");

        assertThat(identical.status()).as(identical.err()).isZero();
        JsonNode summary = summary(same);
        assertThat(summary.get("compared").asLong()).isEqualTo(30);
        assertThat(summary.get("differing").asLong()).isZero();
        assertThat(summary.get("unpaired").size()).as(summary.toString()).isZero();

        Path regression = dir.resolve("regression");
        Run changed = replay(recording, shops.b().url(), "--compare-report", regression.toString(), "--compare-fail-above", "0");
        assertThat(changed.status()).as(changed.err()).isEqualTo(1);
        JsonNode bad = summary(regression);
        assertThat(bad.get("compared").asLong()).isEqualTo(30);
        assertThat(bad.get("differing").asLong()).isEqualTo(5);
        for (JsonNode e : bad.get("endpoints")) {
            boolean products = e.get("endpoint").asText().equals("GET /api/products/{id}");
            assertThat(e.get("differing").asLong()).as(e.toString()).isEqualTo(products ? 5 : 0);
            for (JsonNode f : e.get("fields")) {
                boolean real = f.get("classification").asText().equals("difference");
                assertThat(real).as(f.toString()).isEqualTo(products && f.get("field").asText().equals("$.price"));
            }
        }
    }

    @Test
    void ignoreRulesInBracketsAndAtAnyDepthApplyAndOthersAreRefused() throws IOException {
        Path recording = recordProducts(4);
        for (String rule : List.of("$[\"price\"]", "$['price']", "$..price")) {
            Path report = dir.resolve("r" + Math.abs(rule.hashCode()));
            // --compare-ignore alone turns the comparison on
            Run run = replay(recording, shops.b().url(), "--compare-ignore", rule, "--compare-report", report.toString(),
                    "--compare-fail-above", "0");
            assertThat(run.status()).as(rule + ": " + run.err()).isZero();
            assertThat(summary(report).get("differing").asLong()).as(rule).isZero();
        }
        Run alone = replay(recording, shops.b().url(), "--compare-ignore", "$.generated_at");
        assertThat(alone.status()).as(alone.err()).isZero();
        assertThat(alone.err()).contains("compare: compared 4 of 4 requests seen, 2 differing");
        for (String bad : List.of("$.[", "$.item[", "$..", "$.a[?(@.x)]")) {
            Run run = replay(recording, shops.b().url(), "--compare-ignore", bad);
            assertThat(run.status()).as(bad).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("shadowtap: invalid value for --compare-ignore: '" + bad
                    + "' (expected a JSON path of .name, ['name'], [*], [N], .* and ..name steps"
                    + " (like $.meta.generated_at, $['odd key'], $..nonce) or header:NAME)");
        }
    }

    @Test
    void aReportDirThatIsAFileIsSaidInWords() throws IOException {
        Path recording = recordProducts(1);
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Run run = replay(recording, shops.a().url(), "--compare-report", file.toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("--compare-report " + file + ": cannot write there: already exists and is a file")
                .doesNotContain("Exception");
        Run missing = replay(recording, shops.a().url(), "--compare-report", dir.resolve("taken/sub").toString());
        assertThat(missing.err()).contains("cannot write there:").doesNotContain("Exception").doesNotContain("FileSystem");
    }

    @Test
    void theLatencyColumnsSayHowEachSideWasMeasured() throws IOException {
        Path report = dir.resolve("report");
        Run run = replay(recordProducts(2), shops.a().url(), "--compare-report", report.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(report.resolve("report.html"))).contains("measured on the wire at capture")
                .contains("is not a regression by itself");
    }
}
