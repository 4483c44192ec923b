package dev.shadowtap.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's and --http-pprof's HTTP side, over real sockets, on a run's real counters. */
class ObserveServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final Stats stats = new Stats();
    private final AtomicReference<Optional<CompareSummary>> compare = new AtomicReference<>(Optional.empty());
    private Observe observe;

    @AfterEach
    void close() {
        if (observe != null) {
            observe.close();
        }
    }

    private URI start(boolean showPayloads) throws IOException {
        observe = Observe.start(new ObserveConfig(Optional.of(ANY_PORT), showPayloads, Optional.of(ANY_PORT)), stats,
                compare::get, Log.SILENT);
        return URI.create("http://127.0.0.1:" + observe.addresses().getFirst().getPort());
    }

    private URI pprof() {
        return URI.create("http://127.0.0.1:" + observe.addresses().get(1).getPort());
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void someTraffic() {
        StageStats input = stats.stage("input-file requests.gor");
        StageStats output = stats.stage("output-http http://staging:8080");
        for (int i = 0; i < 7; i++) {
            input.passed(100);
            output.passed(100);
        }
        output.drop(Reason.QUEUE_FULL);
        output.drops(Reason.TIMEOUT, 2);
        input.repaired(Reason.MISSING_SEPARATOR);
        output.queueDepth(() -> 5);
    }

    @Test
    void clientsThatNeverFinishTheirRequestHoldAtMostTheHandlersAndTheServerAnswersOnceTheyLeave() throws Exception {
        URI base = start(false);
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            // each holds a handler: a request line and no end of headers
            for (int i = 0; i < ObserveServer.MAX_HANDLERS; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", base.getPort());
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
                slow.add(s);
            }
            Thread.sleep(300);
            // one more is turned away (its connection closed), not queued behind them nor served by a new thread
            try (java.net.Socket extra = new java.net.Socket("127.0.0.1", base.getPort())) {
                extra.setSoTimeout(5_000);
                extra.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes());
                int first;
                try {
                    first = extra.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    first = -1; // closed with our request unread: a reset, as good as an end
                }
                assertThat(first).isEqualTo(-1);
            }
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        HttpResponse<String> after = null;
        while (System.nanoTime() < deadline) {
            try {
                after = get(base.resolve("/metrics"));
                break;
            } catch (IOException turnedAway) {
                Thread.sleep(50); // the handlers are still seeing their clients leave
            }
        }
        assertThat(after).isNotNull();
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreThePrometheusTextOfTheRegistrysCounters() throws Exception {
        someTraffic();
        HttpResponse<String> response = get(start(false).resolve("/metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        PromText metrics = PromText.parse(response.body(), false);
        assertThat(metrics.types).containsEntry("shadowtap_stage_messages_total", "counter")
                .containsEntry("shadowtap_stage_queue_depth", "gauge");
        assertThat(metrics.value("shadowtap_stage_messages_total", "stage", "input-file requests.gor")).isEqualTo(7);
        assertThat(metrics.value("shadowtap_stage_bytes_total", "stage", "output-http http://staging:8080")).isEqualTo(700);
        assertThat(metrics.value("shadowtap_stage_dropped_total", "stage", "output-http http://staging:8080",
                "reason", "queue-full")).isEqualTo(1);
        assertThat(metrics.value("shadowtap_stage_dropped_total", "stage", "output-http http://staging:8080",
                "reason", "timeout")).isEqualTo(2);
        assertThat(metrics.value("shadowtap_stage_repaired_total", "stage", "input-file requests.gor",
                "reason", Reason.MISSING_SEPARATOR.label())).isEqualTo(1);
        assertThat(metrics.value("shadowtap_stage_queue_depth", "stage", "output-http http://staging:8080")).isEqualTo(5);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        someTraffic();
        HttpResponse<String> response = get(start(false).resolve("/metrics"),
                "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        PromText metrics = PromText.parse(response.body(), true);
        assertThat(metrics.types).containsEntry("shadowtap_stage_messages", "counter");
        assertThat(metrics.value("shadowtap_stage_messages_total", "stage", "input-file requests.gor")).isEqualTo(7);
    }

    @Test
    void apiStatsIsTheSameNumbersAsJson() throws Exception {
        someTraffic();
        HttpResponse<String> response = get(start(false).resolve("/api/stats"));
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode root = JSON.readTree(response.body());
        JsonNode output = root.get("stages").get(1);
        assertThat(output.get("name").asText()).isEqualTo("output-http http://staging:8080");
        assertThat(output.get("messages").asLong()).isEqualTo(7);
        assertThat(output.get("dropped").asLong()).isEqualTo(3);
        assertThat(output.get("drops").get("timeout").asLong()).isEqualTo(2);
        assertThat(output.get("queueDepth").asLong()).isEqualTo(5);
        assertThat(root.get("droppedTotal").asLong()).isEqualTo(3);
        assertThat(root.get("compare").isNull()).isTrue();
    }

    @Test
    void everyPathIsReadOnlyAndNoneAllowsOtherOrigins() throws Exception {
        URI base = start(false);
        for (String path : List.of("/", "/metrics", "/api/stats", "/dashboard.js")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).header("Origin", "http://evil.example")
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
                assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            }
            HttpResponse<String> get = get(base.resolve(path), "Origin", "http://evil.example");
            assertThat(get.statusCode()).as(path).isEqualTo(200);
            assertThat(get.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            assertThat(get.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        }
        assertThat(get(base.resolve("/nothing-here")).statusCode()).isEqualTo(404);
    }

    @Test
    void aLoopbackServerAnswersOnlyToLoopbackNamesNotToARebindingSite() throws Exception {
        URI base = start(false);
        int port = base.getPort();
        assertThat(rawStatus(port, "evil.example:" + port)).isEqualTo(421);
        assertThat(rawStatus(port, "127.0.0.1.nip.io:" + port)).isEqualTo(421);
        assertThat(rawStatus(port, "localhost:" + port)).isEqualTo(200);
        assertThat(rawStatus(port, "127.0.0.1:" + port)).isEqualTo(200);
        assertThat(rawStatus(port, "[::1]:" + port)).isEqualTo(200);
    }

    /** The status of a GET /api/stats sent by hand, with the Host header a browser would send for a name. */
    private static int rawStatus(int port, String host) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET /api/stats HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void thePageAndItsScriptAndStyleComeFromTheJar() throws Exception {
        URI base = start(false);
        String page = get(base.resolve("/")).body();
        assertThat(page).contains("<script src=\"dashboard.js\">").contains("href=\"dashboard.css\"")
                .doesNotContain("http://", "https://", "//cdn");
        assertThat(get(base.resolve("/dashboard.js")).body()).contains("api/stats").doesNotContain("https://");
        assertThat(get(base.resolve("/dashboard.css")).headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void payloadsOfTheComparisonAreHiddenUnlessAskedFor() throws Exception {
        compare.set(Optional.of(comparison()));
        JsonNode hidden = JSON.readTree(get(start(false).resolve("/api/stats")).body());
        JsonNode field = hidden.get("compare").get("endpoints").get(0).get("fields").get(0);
        assertThat(field.get("field").asText()).isEqualTo("body:$.price");
        assertThat(field.has("example")).isFalse();
        assertThat(hidden.toString()).doesNotContain("secret-token", "19.99", "23.79");
        observe.close();

        JsonNode shown = JSON.readTree(get(start(true).resolve("/api/stats")).body());
        JsonNode example = shown.get("compare").get("endpoints").get(0).get("fields").get(0).get("example");
        assertThat(example.get("reference").asText()).isEqualTo("19.99");
        assertThat(example.get("candidate").asText()).isEqualTo("23.79");
        assertThat(example.get("request").asText()).contains("secret-token");
    }

    @Test
    void compareEndpointsAreBoundedLabels() throws Exception {
        List<CompareSummary.EndpointSummary> many = new java.util.ArrayList<>();
        for (int i = 0; i < CompareEndpoints.MAX_LABELS + 20; i++) {
            many.add(endpoint("GET /path" + i, 1000 - i, 0, List.of()));
        }
        compare.set(Optional.of(new CompareSummary(0, 0, OptionalDouble.empty(), Map.of(), many)));
        PromText metrics = PromText.parse(get(start(false).resolve("/metrics")).body(), false);
        List<PromText.Sample> pairs = metrics.samples.stream()
                .filter(s -> s.name().equals("shadowtap_compare_pairs_total")).toList();
        assertThat(pairs).hasSize(CompareEndpoints.MAX_LABELS + 1);
        assertThat(metrics.value("shadowtap_compare_pairs_total", "endpoint", "GET /path0")).isEqualTo(1000);
        long rest = 0;
        for (int i = CompareEndpoints.MAX_LABELS; i < CompareEndpoints.MAX_LABELS + 20; i++) {
            rest += 1000 - i;
        }
        assertThat(metrics.value("shadowtap_compare_pairs_total", "endpoint", "other")).isEqualTo(rest);
    }

    @Test
    void debugVarsIsExpvarJsonWithGoReplaysNames() throws Exception {
        someTraffic();
        start(false);
        HttpResponse<String> vars = get(pprof().resolve("/debug/vars"));
        assertThat(vars.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode root = JSON.readTree(vars.body());
        assertThat(root.get("file-requests.gor").get("total_counter").asLong()).isEqualTo(7);
        assertThat(root.get("file-requests.gor").get("total_bytes").asLong()).isEqualTo(700);
        assertThat(root.get("shadowtap").get("droppedTotal").asLong()).isEqualTo(3);
        HttpResponse<String> pprof = get(pprof().resolve("/debug/pprof/"));
        assertThat(pprof.statusCode()).isEqualTo(200);
        assertThat(pprof.body()).contains("JFR", "jcmd " + ProcessHandle.current().pid(), "--cpuprofile");
        assertThat(get(pprof().resolve("/debug/pprof/profile?seconds=30")).body()).contains("jcmd");
        // --http-pprof alone serves no dashboard
        assertThat(get(pprof().resolve("/metrics")).statusCode()).isEqualTo(404);
    }

    @Test
    void bothFlagsOnOneAddressShareOneServer() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free.close();
            InetSocketAddress one = new InetSocketAddress(InetAddress.getLoopbackAddress(), free.getLocalPort());
            observe = Observe.start(new ObserveConfig(Optional.of(one), false, Optional.of(one)), stats, compare::get,
                    Log.SILENT);
        }
        URI base = URI.create("http://127.0.0.1:" + observe.addresses().getFirst().getPort());
        assertThat(observe.addresses()).hasSize(1);
        assertThat(get(base.resolve("/metrics")).statusCode()).isEqualTo(200);
        assertThat(get(base.resolve("/debug/vars")).statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseIsOneLineNamingTheFlagAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> Observe.start(new ObserveConfig(Optional.of(address), false, Optional.empty()),
                    stats, compare::get, Log.SILENT))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("--dashboard 127.0.0.1:" + taken.getLocalPort() + ": cannot listen there")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void withoutAnAddressNothingListens() throws Exception {
        observe = Observe.start(new ObserveConfig(Optional.empty(), false, Optional.empty()), stats, compare::get,
                Log.SILENT);
        assertThat(observe.addresses()).isEmpty();
    }

    private static CompareSummary comparison() {
        var example = new CompareSummary.Example("id1", "GET /products/7?token=secret-token", "$.price", "changed",
                "19.99", "23.79");
        var field = new CompareSummary.FieldSummary("body:$.price", Set.of("changed"), 3, 0, Map.of(), List.of(example));
        return new CompareSummary(10, 3, OptionalDouble.empty(), Map.of(),
                List.of(endpoint("GET /products/{id}", 10, 3, List.of(field))));
    }

    private static CompareSummary.EndpointSummary endpoint(String name, long compared, long differing,
                                                           List<CompareSummary.FieldSummary> fields) {
        var latency = new CompareSummary.Latency(compared, 1.5, 3.0);
        return new CompareSummary.EndpointSummary(name, compared, differing, 0, differing > 0, fields, Map.of(200, compared),
                Map.of(200, compared), latency, latency);
    }
}
