package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.pipeline.Message;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.shadowtap.compare.ReportJson.endpoint;
import static dev.shadowtap.compare.ReportJson.field;
import static dev.shadowtap.compare.ReportJson.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The show for gRPC, end to end on the command line: a real grpc-java client and service
 * (unary, server streaming, trailers-only, gzip both ways, a reply spanning several DATA frames) are
 * captured by {@code --input-raw} with their responses, then the recording is replayed over HTTP/2
 * and compared: to version 2, whose replies differ in one protobuf field, the gate fails naming the
 * method and the field; to version 1 itself it passes, the answer's timestamp field classed as noise.
 * Needs root or CAP_NET_RAW; skipped otherwise.
 */
class GrpcEndToEndTest {
    private static final String GET = "/" + GrpcService.SERVICE + "/GetOrder";
    private static final String LIST = "/" + GrpcService.SERVICE + "/ListOrders";
    private static final String MISSING = "/" + GrpcService.SERVICE + "/Missing";
    @TempDir
    Path dir;

    @BeforeAll
    static void needsCaptureRights() {
        CaptureRights.assumeCanCapture();
    }

    @Test
    void aCapturedGrpcServiceReplayedToAVersionWithOneFieldChangedFailsAndToItselfPasses() throws Exception {
        Path recording = dir.resolve("grpc.gor");
        try (GrpcService v1 = GrpcService.version1(); GrpcService v2 = GrpcService.version2()) {
            int calls = capture(v1, recording);
            List<Message> records = Gor.read(recording);
            assertThat(records.stream().filter(Message::isRequest).count()).as("one request record per call").isEqualTo(calls);
            assertThat(records.stream().filter(m -> !m.isRequest()).count()).as("one response record per call").isEqualTo(calls);
            assertThat(records).allSatisfy(m -> assertThat(m.extra()).startsWith("h2 stream="));
            assertThat(records.stream().filter(Message::isRequest).map(GrpcEndToEndTest::startLine))
                    .contains("POST " + GET + " HTTP/2.0", "POST " + LIST + " HTTP/2.0", "POST " + MISSING + " HTTP/2.0");

            Path failing = dir.resolve("v2");
            Run v2Run = Run.of("--input-file", recording + "|10000%", "--output-http", v2.url(), "--output-http-track-response",
                    "--compare-report", failing.toString(), "--compare-fail-above", "0.01");
            assertThat(v2Run.status()).as(v2Run.err()).isEqualTo(1);
            JsonNode v2Summary = summary(failing);
            assertThat(v2Summary.get("compared").asLong()).as(v2Run.err()).isEqualTo(calls);
            assertThat(v2Summary.get("unpaired").size()).as(v2Summary.toString()).isZero();
            JsonNode get = endpoint(v2Summary, GET);
            assertThat(get.get("differing").asLong()).isEqualTo(6);
            assertThat(field(get, "$.4").get("classification").asText()).isEqualTo("difference");
            assertThat(field(get, "$.5").get("classification").asText()).isEqualTo("noise");
            assertThat(field(endpoint(v2Summary, LIST), "$[*].4").get("classification").asText()).isEqualTo("difference");
            assertThat(endpoint(v2Summary, MISSING).get("differing").asLong()).isZero();
            assertThat(v2Run.err()).contains("compare: " + GET + ": 6 of 6 differ").contains("$.4");

            Path passing = dir.resolve("v1");
            Run v1Run = Run.of("--input-file", recording + "|10000%", "--output-http", v1.url(), "--output-http-track-response",
                    "--compare-report", passing.toString(), "--compare-fail-above", "0.01");
            assertThat(v1Run.status()).as(v1Run.err()).isZero();
            JsonNode v1Summary = summary(passing);
            assertThat(v1Summary.get("compared").asLong()).isEqualTo(calls);
            assertThat(v1Summary.get("differing").asLong()).isZero();
            assertThat(field(endpoint(v1Summary, GET), "$.5").get("classification").asText()).isEqualTo("noise");
        }
    }

    /** Captures v1's traffic while a client makes every kind of call; returns how many calls it made. */
    private static int capture(GrpcService v1, Path recording) throws Exception {
        try (ExecutorService traffic = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> made = traffic.submit(() -> {
                Thread.sleep(2500); // the capture is open well before this (opening it in a cold JVM can take a second)
                int n = 0;
                try (GrpcService.Client client = new GrpcService.Client(v1.port())) {
                    for (int i = 2; i <= 7; i++) {
                        assertThat(client.get(i)).isNotEmpty(); // even ones gzip both ways, 7 spans DATA frames
                        n++;
                    }
                    assertThat(client.list(10)).hasSize(3);
                    n++;
                    assertThat(client.missing(1)).isEqualTo(Status.Code.NOT_FOUND);
                    n++;
                }
                return n;
            });
            Run run = Run.of("--input-raw", "127.0.0.1:" + v1.port(), "--input-raw-track-response",
                    "--output-file", recording.toString(), "--output-file-append", "--exit-after", "6s");
            assertThat(run.status()).as(run.err()).isZero();
            return made.get();
        }
    }

    private static String startLine(Message m) {
        String text = new String(m.payload(), StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }



}
