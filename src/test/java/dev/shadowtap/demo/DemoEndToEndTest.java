package dev.shadowtap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.Main;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole demo, in-process, on real servers, sockets and files; as root the capture is live. */
class DemoEndToEndTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<Message> read(Path gor) throws IOException {
        List<Message> all = new ArrayList<>();
        StageStats stats = new StageStats("check");
        try (GorReader reader = GorReader.open(gor, stats, Log.SILENT)) {
            for (Message m; (m = reader.next()) != null; ) {
                all.add(m);
            }
        }
        assertThat(stats.droppedTotal()).as("damaged records in " + gor).isZero();
        return all;
    }

    /** Every request of demo.gor has exactly one response under its id, and they are the requests the mix planned. */
    private static List<Message> assertEveryRequestPaired(Path gor, int requests) throws IOException {
        List<Message> records = read(gor);
        Map<MessageType, List<Message>> byType = records.stream().collect(Collectors.groupingBy(Message::type));
        List<Message> sent = byType.getOrDefault(MessageType.REQUEST, List.of());
        List<Message> answers = byType.getOrDefault(MessageType.RESPONSE, List.of());
        assertThat(sent).hasSize(requests);
        assertThat(answers).hasSize(requests);
        Map<String, Message> responseById = new HashMap<>();
        answers.forEach(r -> assertThat(responseById.put(r.id(), r)).as("one response per id").isNull());
        for (Message request : sent) {
            Message response = responseById.get(request.id());
            assertThat(response).as("response of " + request).isNotNull();
            // four fields: captured, the first-to-last packet time; recorded by the client, -1 (unknown)
            assertThat(request.hasLatency()).isTrue();
            assertThat(response.hasLatency()).isTrue();
            assertThat(response.latencyNs()).isGreaterThanOrEqualTo(Message.UNKNOWN_LATENCY);
            assertThat(response.timestampNs()).isGreaterThanOrEqualTo(request.timestampNs());
            assertThat(new String(response.payload(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 ")
                    .containsIgnoringCase("X-Request-Id: ").contains("\"generated_at\":");
        }
        // the requests are the planned ones, byte for byte (the Host names v1's port)
        String host = new String(sent.getFirst().payload(), StandardCharsets.ISO_8859_1).lines()
                .filter(l -> l.startsWith("Host: ")).findFirst().orElseThrow().substring(6);
        Map<String, Long> planned = new TrafficMix(new TrafficMix.Config(requests, 4, 20_26L, 0)).plan().stream()
                .collect(Collectors.groupingBy(r -> new String(r.bytes(host), StandardCharsets.ISO_8859_1),
                        Collectors.counting()));
        Map<String, Long> captured = sent.stream().collect(Collectors.groupingBy(
                m -> new String(m.payload(), StandardCharsets.ISO_8859_1), Collectors.counting()));
        assertThat(captured).isEqualTo(planned);
        return sent;
    }

    /** replayed.gor: the recording's requests and responses, and v2's answer (type 3) to every request. */
    private static void assertEveryRequestReplayed(Path replayed, List<Message> requests) throws IOException {
        List<Message> records = read(replayed);
        Set<String> requestIds = requests.stream().map(Message::id).collect(Collectors.toSet());
        List<Message> answers = records.stream().filter(m -> m.type() == MessageType.REPLAYED).toList();
        assertThat(answers).hasSize(requests.size());
        assertThat(answers.stream().map(Message::id).collect(Collectors.toSet())).isEqualTo(requestIds);
        assertThat(records.stream().filter(Message::isRequest).count()).isEqualTo(requests.size());
        assertThat(answers).allSatisfy(m -> assertThat(new String(m.payload(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 "));
    }

    /** The report names v2's regression, exactly that endpoint and field, and nothing else as a difference. */
    private static void assertReportNamesTheRegression(Path dir) throws IOException {
        Path report = dir.resolve("report");
        assertThat(report.resolve("report.html")).isNotEmptyFile();
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        Map<String, Long> differingByEndpoint = new HashMap<>();
        List<String> differingFields = new ArrayList<>();
        for (JsonNode endpoint : summary.get("endpoints")) {
            differingByEndpoint.put(endpoint.get("endpoint").asText(), endpoint.get("differing").asLong());
            for (JsonNode field : endpoint.get("fields")) {
                if (field.get("classification").asText().equals("difference")) {
                    differingFields.add(endpoint.get("endpoint").asText() + " " + field.get("field").asText());
                }
            }
        }
        assertThat(differingFields).containsExactly("GET /api/products/{id} $.price");
        assertThat(differingByEndpoint.get("GET /api/products/{id}")).isPositive();
        differingByEndpoint.forEach((endpoint, n) -> {
            if (!endpoint.equals("GET /api/products/{id}")) {
                assertThat(n).as(endpoint).isZero();
            }
        });
    }

    @Test
    void asRootTheTrafficIsCapturedLiveAndReplayedToV2() throws Exception {
        CaptureRights.assumeCanCapture();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemoResult result;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            result = new Demo(new DemoOptions(Optional.of(dir), 300, true, false), o, e).execute().orElseThrow();
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(result.status()).isZero();
        assertThat(result.liveCapture()).isTrue();
        assertThat(result.sent().sent()).isEqualTo(300);
        assertThat(result.v2Requests()).as("requests v2 counted").isEqualTo(300);
        List<Message> requests = assertEveryRequestPaired(dir.resolve("demo.gor"), 300);
        assertEveryRequestReplayed(dir.resolve("replayed.gor"), requests);
        assertReportNamesTheRegression(dir);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("captured them live: 300 requests, 300 responses -> demo.gor")
                .contains("replayed demo.gor to v2 at full speed: 300 requests, 300 answers from v2 (200: ")
                .contains("$ sudo ./shadowtap --input-raw 127.0.0.1:")
                .contains("GET /api/products/{id}: ")
                .contains("4. report: " + dir.resolve("report").resolve("report.html"));
    }

    @Test
    void theCommandLineRunsTheDemoAndExitsZero() throws Exception {
        Run r = main("demo", "--dir", dir.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("shadowtap demo: files in " + dir + "\n1. started the shop service: v1 on 127.0.0.1:")
                .containsAnyOf("captured them live: 500 requests, 500 responses", Demo.NOT_ROOT_NOTE)
                .contains("500 requests, 500 answers from v2").containsPattern("done in \\d+\\.\\d s\n$");
        List<Message> requests = assertEveryRequestPaired(dir.resolve("demo.gor"), 500);
        assertEveryRequestReplayed(dir.resolve("replayed.gor"), requests);
    }

    @Test
    void theClientSideFallbackWritesTheSameRecordsItself() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoResult result;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            result = new Demo(new DemoOptions(Optional.of(dir), 250, false, false), o, o).execute().orElseThrow();
        }
        assertThat(result.status()).isZero();
        assertThat(result.liveCapture()).isFalse();
        assertThat(result.v2Requests()).isEqualTo(250);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("recorded them from the client side: 250 requests, 250 responses -> demo.gor")
                .doesNotContain("$ sudo");
        List<Message> requests = assertEveryRequestPaired(dir.resolve("demo.gor"), 250);
        assertEveryRequestReplayed(dir.resolve("replayed.gor"), requests);
        assertReportNamesTheRegression(dir);
        // a second run in the same directory replaces the files instead of appending to them
        Run again = main("demo", "--dir", dir.toString(), "--requests", "40", "--no-capture");
        assertThat(again.status()).isZero();
        assertEveryRequestReplayed(dir.resolve("replayed.gor"), assertEveryRequestPaired(dir.resolve("demo.gor"), 40));
    }

    /** A real child JVM without CAP_NET_RAW (setpriv drops it): one line, then the client-side path, status 0. */
    @Test
    void withoutTheRightToCaptureTheDemoSaysSoInOneLineAndRecordsFromTheClient() throws Exception {
        CaptureRights.assumeCanCapture(); // only root can drop the capability for the child
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of("/usr/bin/setpriv", "--inh-caps=-net_raw", "--ambient-caps=-net_raw",
                "--bounding-set=-net_raw", "--", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--dir", dir.toString(), "--requests", "60"))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(l -> l.equals(Demo.NOT_ROOT_NOTE)).count()).isEqualTo(1);
        assertThat(output).contains("recorded them from the client side: 60 requests, 60 responses")
                .doesNotContain("shadowtap: ").doesNotContain("Exception");
        assertEveryRequestReplayed(dir.resolve("replayed.gor"), assertEveryRequestPaired(dir.resolve("demo.gor"), 60));
    }

    @Test
    void aDirectoryThatCannotBeMadeIsOneLineSayingWhy() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        Run r = main("demo", "--dir", file.resolve("sub").toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("shadowtap demo: --dir " + file.resolve("sub") + ": cannot create the directory ("
                + file + " exists and is not a directory)\n");
    }

    @Test
    void badArgumentsAreOneLineAndStatusTwo() {
        Run r = main("demo", "--requests", "lots");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("shadowtap demo: --requests needs a number from 1 to 100000, not 'lots'\n");
        Run help = main("demo", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: shadowtap demo [--dir DIR] [--requests N] [--no-capture]");
    }
}
