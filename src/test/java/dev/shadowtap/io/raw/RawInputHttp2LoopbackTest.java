package dev.shadowtap.io.raw;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP/2 cleartext on the loopback, captured: h2load's multiplexed streams to nghttpd, curl's
 * {@code --http2} upgrade through nghttpx, and a capture that joins a long h2load run mid-connection.
 */
class RawInputHttp2LoopbackTest {
    private static final Pattern STREAM = Pattern.compile("^h2 stream=(\\d+) ");

    @BeforeAll
    static void needsCaptureRightsAndNghttp2() {
        CaptureRights.assumeCanCapture();
        Nghttp2.assumeInstalled();
    }

    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void h2loadsMultiplexedStreamsBecomeOneRecordEachWithItsResponse() throws Exception {
        int requests = 300;
        try (Nghttp2 server = Nghttp2.start();
             LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + server.port, CaptureEngine.AF_PACKET, true))) {
            String out = Nghttp2.run(List.of(Nghttp2.bin("h2load"), "-n", Integer.toString(requests), "-c", "3", "-m", "10",
                    "http://127.0.0.1:" + server.port + "/index.html"));
            assertThat(out).contains(requests + " succeeded");
            List<Message> got = capture.awaitThenStop(2 * requests);
            Map<String, Message> requestsById = new HashMap<>();
            Map<String, Message> responsesById = new HashMap<>();
            Set<String> streamsPerConnection = new HashSet<>();
            for (Message m : got) {
                Matcher stream = STREAM.matcher(m.extra());
                assertThat(stream.find()).as(m.extra()).isTrue();
                if (m.type() == MessageType.REQUEST) {
                    assertThat(requestsById.put(m.id(), m)).isNull();
                    assertThat(text(m)).startsWith("GET /index.html HTTP/2.0\r\nHost: 127.0.0.1:" + server.port + "\r\n");
                    assertThat(m.extra()).contains("pseudo=path,scheme,authority,method").doesNotContain("unknown=");
                    assertThat(streamsPerConnection.add(m.connection().source() + "#" + stream.group(1))).isTrue();
                } else {
                    assertThat(responsesById.put(m.id(), m)).isNull();
                    assertThat(text(m)).startsWith("HTTP/2.0 200 OK\r\n").endsWith("\r\n\r\n" + Nghttp2.BODY)
                            .contains("content-length: " + Nghttp2.BODY.length());
                }
            }
            assertThat(requestsById).hasSize(requests);
            assertThat(responsesById.keySet()).isEqualTo(requestsById.keySet());
            for (String id : requestsById.keySet()) {
                assertThat(responsesById.get(id).extra()).startsWith(STREAM.matcher(requestsById.get(id).extra()).results()
                        .findFirst().orElseThrow().group());
            }
            assertThat(capture.stage.snapshot().drops()).isEmpty();
            assertThat(capture.stage.snapshot().repairs()).isEmpty();
        }
    }

    @Test
    void largeBodiesSpreadOverManyDataFramesComeOutWholeInTheirRecords() throws Exception {
        try (Nghttp2 server = Nghttp2.start();
             LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + server.port, CaptureEngine.AF_PACKET, true))) {
            String out = Nghttp2.run(List.of(Nghttp2.bin("h2load"), "-n", "4", "-c", "1", "-m", "2",
                    "http://127.0.0.1:" + server.port + "/big.bin"));
            assertThat(out).contains("4 succeeded");
            List<Message> got = capture.awaitThenStop(8);
            byte[] big = java.nio.file.Files.readAllBytes(server.root.resolve("big.bin"));
            List<Message> responses = got.stream().filter(m -> m.type() == MessageType.RESPONSE).toList();
            assertThat(responses).hasSize(4);
            for (Message r : responses) {
                int body = text(r).indexOf("\r\n\r\n") + 4;
                assertThat(java.util.Arrays.copyOfRange(r.payload(), body, r.payload().length)).isEqualTo(big);
            }
            assertThat(capture.stage.snapshot().drops()).isEmpty();
        }
    }

    @Test
    void curlsHttp2UpgradeMakesItsRequestStreamOneWithTheResponse() throws Exception {
        try (Nghttp2 server = Nghttp2.start()) {
            int proxy = server.upgradingProxy();
            try (LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + proxy, CaptureEngine.AF_PACKET, true))) {
                // a small body: curl 7.88 fails an upgrade whose answer brings more than 32 KiB along with the 101
                String out = Nghttp2.run(List.of("curl", "-sS", "--http2", "http://127.0.0.1:" + proxy + "/index.html",
                        "-o", "/dev/null", "-w", "%{http_version} %{http_code} %{size_download}"));
                assertThat(out).isEqualTo("2 200 " + Nghttp2.BODY.length());
                List<Message> got = capture.awaitThenStop(2);
                assertThat(got).hasSize(2);
                Message request = got.getFirst();
                assertThat(request.extra()).isEqualTo("h2 stream=1 upgrade");
                assertThat(text(request)).startsWith("GET /index.html HTTP/2.0\r\nHost: 127.0.0.1:" + proxy + "\r\n")
                        .doesNotContainIgnoringCase("upgrade").doesNotContainIgnoringCase("HTTP2-Settings");
                Message response = got.get(1);
                assertThat(response.id()).isEqualTo(request.id());
                assertThat(response.extra()).startsWith("h2 stream=1 pseudo=status");
                assertThat(text(response)).startsWith("HTTP/2.0 200 OK\r\n")
                        .contains("content-length: " + Nghttp2.BODY.length() + "\r\n").endsWith("\r\n\r\n" + Nghttp2.BODY);
                assertThat(capture.stage.snapshot().drops()).isEmpty();
            }
        }
    }

    @Test
    void aCaptureJoinedMidConnectionResynchronisesAndCountsWhatItCouldNotDecode() throws Exception {
        try (Nghttp2 server = Nghttp2.start()) {
            Process load = server.background(List.of(Nghttp2.bin("h2load"), "-D", "3", "-c", "2", "-m", "4",
                    "http://127.0.0.1:" + server.port + "/index.html"));
            Thread.sleep(1000); // the connections are up and busy before the capture starts
            try (LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + server.port, CaptureEngine.AF_PACKET, true))) {
                Thread.sleep(1000);
                List<Message> got = capture.awaitThenStop(Integer.MAX_VALUE);
                load.waitFor();
                var snapshot = capture.stage.snapshot();
                // each direction of the two connections found its frames; a TCP gap (a loaded machine) makes it look again
                var tcp = capture.tcpStage.snapshot();
                if (tcp.drops().isEmpty()) {
                    assertThat(snapshot.repairs().get(Reason.H2_RESYNC)).as("resynchronised: %s %s", snapshot, tcp).isEqualTo(4L);
                } else {
                    assertThat(snapshot.repairs().get(Reason.H2_RESYNC)).as("resynchronised: %s %s", snapshot, tcp).isGreaterThanOrEqualTo(4L);
                }
                assertThat(snapshot.repairs().get(Reason.H2_UNKNOWN_HEADER)).as("marked: %s", snapshot).isPositive();
                long marked = got.stream().filter(m -> m.extra().contains(" unknown=")).count();
                assertThat(marked).isEqualTo(snapshot.repairs().get(Reason.H2_UNKNOWN_HEADER));
                long requests = got.stream().filter(Message::isRequest).count();
                assertThat(requests).isGreaterThan(100);
                for (Message m : got) {
                    String t = text(m);
                    if (m.isRequest()) {
                        assertThat(t).startsWith("GET /index.html HTTP/2.0\r\n");
                    } else {
                        assertThat(t).startsWith("HTTP/2.0 200 OK\r\n").endsWith(Nghttp2.BODY);
                    }
                    if (!m.extra().contains(" unknown=")) {
                        assertThat(t).doesNotContain("x-shadowtap-unknown");
                    }
                }
                // once the table is known again, requests carry their Host: never a wrong one, only unknown or right
                assertThat(got.stream().filter(Message::isRequest).map(RawInputHttp2LoopbackTest::text)
                        .filter(t -> t.contains("\r\nHost: ")))
                        .allMatch(t -> t.contains("\r\nHost: 127.0.0.1:" + server.port + "\r\n"));
            }
        }
    }
}
