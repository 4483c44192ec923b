package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.capture.ffi.CaptureRights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live: the command line captures version A's traffic on loopback with its responses, replays each
 * request to version B as it arrives and compares, in one process, until {@code --exit-after}.
 * Needs root or CAP_NET_RAW; skipped otherwise.
 */
class CompareLiveCaptureTest {
    @TempDir
    Path dir;

    @Test
    void liveTrafficToAIsComparedWithBAndTheWrongPriceIsFound() throws Exception {
        CaptureRights.assumeCanCapture();
        Path report = dir.resolve("report");
        try (ShopService a = ShopService.versionA(); ShopService b = ShopService.versionB();
             ExecutorService traffic = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> sent = traffic.submit(() -> {
                Thread.sleep(2500); // the capture is open well before this (opening it in a cold JVM can take a second)
                int n = 0;
                for (int i = 1; i <= 6; i++) {
                    byte[] response = Exchanges.roundTrip(a.port(),
                            Exchanges.get("/api/products/" + i).getBytes(StandardCharsets.UTF_8), "GET");
                    assertThat(new String(response, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
                    n++;
                }
                Exchanges.roundTrip(a.port(), Exchanges.get("/api/catalog").getBytes(StandardCharsets.UTF_8), "GET");
                Exchanges.roundTrip(a.port(), Exchanges.post("/api/orders", "{\"sku\":\"x\"}")
                        .getBytes(StandardCharsets.UTF_8), "POST");
                return n + 2;
            });

            Run run = Run.of("--input-raw", "127.0.0.1:" + a.port(), "--input-raw-track-response",
                    "--output-http", b.url(), "--output-http-track-response", "--compare-report", report.toString(),
                    "--compare-fail-above", "0.01", "--exit-after", "6s", "--stats");

            assertThat(sent.get()).isEqualTo(8);
            assertThat(run.status()).as(run.err()).isEqualTo(1);
            JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
            assertThat(summary.get("compared").asLong()).as(run.err()).isEqualTo(8);
            assertThat(summary.get("differing").asLong()).isEqualTo(3);
            assertThat(summary.get("unpaired").size()).as(summary.toString()).isZero();
            for (JsonNode e : summary.get("endpoints")) {
                String name = e.get("endpoint").asText();
                assertThat(name).isIn("GET /api/products/{id}", "GET /api/catalog", "POST /api/orders");
                assertThat(e.get("differing").asLong()).as(name).isEqualTo(name.startsWith("GET /api/products") ? 3 : 0);
                for (JsonNode f : e.get("fields")) {
                    boolean real = f.get("classification").asText().equals("difference");
                    assertThat(real).as(name + " " + f).isEqualTo(f.get("field").asText().equals("$.price"));
                }
            }
            List<String> diffs = Files.readAllLines(report.resolve("diffs.jsonl"));
            assertThat(diffs).hasSize(3).allSatisfy(line -> assertThat(line)
                    .contains("\"endpoint\":\"GET /api/products/{id}\"").contains("\"path\":\"$.price\""));
        }
    }
}
