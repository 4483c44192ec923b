package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.observe.PromText;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A live capture's health on the dashboard, /metrics and GoReplay's /debug/vars: packets, flows, queue. */
class DashboardCaptureTest {
    @Test
    void aLiveCapturesPacketsAndFlowsAreOnEveryEndpoint() throws Exception {
        CaptureRights.assumeCanCapture();
        try (ShopService shop = ShopService.versionA()) {
            RunControl control = new RunControl();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ParseResult.Run run = (ParseResult.Run) CommandLine.parse("--input-raw", "127.0.0.1:" + shop.port(),
                    "--output-null", "--dashboard", "127.0.0.1:0", "--http-pprof", "127.0.0.1:0");
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> new Application(run.options(),
                    new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                    control).run());
            try {
                assertThat(control.awaitStarted(Duration.ofSeconds(20))).as(err.toString()).isTrue();
                URI dashboard = url(err, "dashboard");
                URI pprof = url(err, "http-pprof");
                for (int i = 1; i <= 5; i++) {
                    Exchanges.roundTrip(shop.port(), Exchanges.get("/api/products/" + i).getBytes(StandardCharsets.UTF_8), "GET");
                }
                JsonNode capture = null;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (System.nanoTime() < until) {
                    JsonNode stats = json(dashboard.resolve("/api/stats"));
                    // the engines publish their packet counters about twice a second
                    if (stats.get("stages").get(0).get("messages").asLong() == 5
                            && stats.get("captures").get(0).get("packets").asLong() >= 10) {
                        capture = stats.get("captures").get(0);
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(capture).as(err.toString()).isNotNull();
                String stage = capture.get("stage").asText();
                assertThat(stage).isEqualTo("input-raw 127.0.0.1:" + shop.port());
                assertThat(capture.get("packets").asLong()).isGreaterThanOrEqualTo(10); // at least a request and a response each
                assertThat(capture.get("flows").asLong()).isGreaterThanOrEqualTo(5);
                assertThat(capture.get("kernelDrops").asLong()).isZero();

                PromText metrics = PromText.parse(get(dashboard.resolve("/metrics")), false);
                assertThat(metrics.value("shadowtap_capture_packets_total", "stage", stage))
                        .isGreaterThanOrEqualTo(capture.get("packets").asLong());
                assertThat(metrics.value("shadowtap_capture_tcp_flows_total", "stage", stage)).isGreaterThanOrEqualTo(5);
                assertThat(metrics.value("shadowtap_stage_messages_total", "stage", stage)).isEqualTo(5);

                JsonNode vars = json(pprof.resolve("/debug/vars"));
                assertThat(vars.get("raw").get("packets_received").asLong()).isGreaterThanOrEqualTo(10);
                assertThat(vars.get("raw").get("packets_dropped").asLong()).isZero();
                assertThat(vars.get("tcp").has("message_queue")).isTrue();
            } finally {
                control.stop();
                status.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static URI url(ByteArrayOutputStream err, String what) {
        Matcher m = Pattern.compile(what + ": (http://\\S+)").matcher(err.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as(err.toString()).isTrue();
        return URI.create(m.group(1));
    }

    private static String get(URI uri) throws Exception {
        return DashboardRun.HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode json(URI uri) throws Exception {
        return new ObjectMapper().readTree(get(uri));
    }
}
