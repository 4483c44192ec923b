package dev.shadowtap.io.raw;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.core.Stats;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpHeader;
import dev.shadowtap.io.http.H2RecordingServer;
import dev.shadowtap.io.http.HttpReplayConfig;
import dev.shadowtap.io.http.HttpReplayOutput;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The show: h2load's multiplexed POSTs to nghttpd captured by {@code --input-raw}, then the
 * recorded requests replayed over HTTP/2 to a second server (Jetty's), which receives every stream
 * with the recorded header fields in their order and the recorded body bytes.
 */
class H2CaptureReplayTest {
    @BeforeAll
    static void needsCaptureRightsAndNghttp2() {
        CaptureRights.assumeCanCapture();
        Nghttp2.assumeInstalled();
    }

    @Test
    void aCaptureReplayedToASecondServerArrivesStreamByStreamAsRecorded(@TempDir Path dir) throws Exception {
        int requests = 120;
        Path body = dir.resolve("body.bin");
        byte[] data = new byte[3000];
        new java.util.Random(11).nextBytes(data);
        Files.write(body, data);
        List<Message> recorded;
        try (Nghttp2 server = Nghttp2.start();
             LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + server.port, CaptureEngine.AF_PACKET, true))) {
            String out = Nghttp2.run(List.of(Nghttp2.bin("h2load"), "-n", Integer.toString(requests), "-c", "2", "-m", "10",
                    "-d", body.toString(), "-H", "x-replay-check: one", "-H", "accept: application/grpc",
                    "http://127.0.0.1:" + server.port + "/index.html"));
            assertThat(out).contains(requests + " succeeded");
            recorded = capture.awaitThenStop(2 * requests).stream().filter(Message::isRequest).toList();
        }
        assertThat(recorded).hasSize(requests);

        try (H2RecordingServer second = new H2RecordingServer(null, 100, r -> false)) {
            HttpReplayOutput out = new HttpReplayOutput(HttpReplayConfig.defaults(URI.create("http://127.0.0.1:" + second.port()))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)), new Stats(), dev.shadowtap.core.Log.SILENT);
            for (Message m : recorded) {
                out.write(m);
            }
            out.close();
            assertThat(out.stats().responses(2)).isEqualTo(requests);
            assertThat(second.received).hasSize(requests);
            List<String> expected = fieldsAsRecorded(recorded.getFirst());
            assertThat(expected).contains("x-replay-check: one", "accept: application/grpc");
            for (H2RecordingServer.Received r : second.received) {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/index.html");
                assertThat(r.fields().stream().map(f -> f[0] + ": " + f[1]).collect(Collectors.toList())).isEqualTo(expected);
                assertThat(Arrays.equals(r.body(), data)).isTrue();
            }
            assertThat(second.received.stream().map(H2RecordingServer.Received::clientPort).distinct().count())
                    .isLessThanOrEqualTo(4);
        }
    }

    /** The record's fields after its Host line (that is {@code :authority}), as the target should get them. */
    private static List<String> fieldsAsRecorded(Message m) throws Exception {
        assertThat(m.extra()).contains("pseudo=").contains("authority").doesNotContain("framing=");
        List<String> fields = new ArrayList<>();
        List<HttpHeader> headers = HttpHead.parse(m.payload()).headers();
        assertThat(headers.getFirst().name()).isEqualTo("Host");
        for (HttpHeader h : headers.subList(1, headers.size())) {
            fields.add(h.name() + ": " + h.value());
        }
        return fields;
    }
}
