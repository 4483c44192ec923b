package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.PcapWriter;
import dev.shadowtap.packet.Frames;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capture files written by the test, read by the pcap_file engine through the whole raw input:
 * what a lost segment, a too-large body and a full queue cost, and that each is counted by reason.
 */
class RawInputCraftedCaptureTest {
    private static final int CLIENT_PORT = 40000;
    private static final int SERVER_PORT = 8080;
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** One connection, segment by segment, client ISN 1000 and server ISN 5000. */
    private static final class Conversation {
        final PcapWriter pcap = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 262144, 1);
        long clientSeq = 1001;
        long serverSeq = 5001;
        long time = T0;

        Conversation() {
            frame(true, 1000, 0, 0x02, new byte[0]);
            frame(false, 5000, 1001, 0x12, new byte[0]);
            frame(true, 1001, 5001, 0x10, new byte[0]);
        }

        Conversation client(String text) {
            byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
            frame(true, clientSeq, serverSeq, 0x18, b);
            clientSeq += b.length;
            return this;
        }

        /** The capture missed these client bytes. */
        Conversation lost(String text) {
            clientSeq += text.length();
            return this;
        }

        Conversation server(String text) {
            byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
            frame(false, serverSeq, clientSeq, 0x18, b);
            serverSeq += b.length;
            return this;
        }

        Conversation pause(long nanos) {
            time += nanos;
            frame(false, serverSeq, clientSeq, 0x10, new byte[0]);
            return this;
        }

        Conversation close() {
            frame(true, clientSeq, serverSeq, 0x11, new byte[0]);
            clientSeq++;
            frame(false, serverSeq, clientSeq, 0x11, new byte[0]);
            serverSeq++;
            frame(true, clientSeq, serverSeq, 0x10, new byte[0]);
            return this;
        }

        private void frame(boolean fromClient, long seq, long ack, int flags, byte[] payload) {
            time += MS;
            byte[] tcp = fromClient ? Frames.tcp(CLIENT_PORT, SERVER_PORT, seq, ack, flags, payload)
                    : Frames.tcp(SERVER_PORT, CLIENT_PORT, seq, ack, flags, payload);
            byte[] ip = fromClient ? Frames.ipv4(Frames.CLIENT4, Frames.SERVER4, 6, tcp)
                    : Frames.ipv4(Frames.SERVER4, Frames.CLIENT4, 6, tcp);
            pcap.record(time, Frames.ethernet(0x0800, ip));
        }

        Path write(Path file) throws IOException {
            Files.write(file, pcap.bytes());
            return file;
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: crafted\r\n\r\n";
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static List<Message> readAll(LiveCapture capture) throws InterruptedException {
        capture.input.awaitEnd(java.time.Duration.ofSeconds(10));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!capture.readerDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return List.copyOf(capture.messages);
    }

    @Test
    void aRequestCutByALostSegmentIsDroppedAndCountedAndThePairingHolds() throws Exception {
        Path file = new Conversation()
                .client(get("/one")).server(ok("first"))
                .client("GET /two HTTP/1.1\r\nHost: cr").lost("afted\r\n\r\n").client(get("/three"))
                .pause(3_000 * MS) // longer than --input-raw-expire: the gap is given up
                .server(ok("second")).server(ok("third")).close().write(dir.resolve("gap.pcap"));
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true))) {
            List<Message> got = readAll(capture);
            assertThat(got).extracting(m -> m.type() + " " + new String(m.payload(), StandardCharsets.ISO_8859_1))
                    .containsExactly("REQUEST " + get("/one"), "RESPONSE " + ok("first"),
                            "REQUEST " + get("/three"), "RESPONSE " + ok("third"));
            assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
            assertThat(got.get(3).id()).isEqualTo(got.get(2).id()).isNotEqualTo(got.get(0).id());
            assertThat(capture.stage.snapshot().drops()).containsOnly(java.util.Map.entry(Reason.INCOMPLETE, 1L),
                    java.util.Map.entry(Reason.RESPONSE_TO_LOST_REQUEST, 1L)); // the cut request's answer
            assertThat(capture.tcpStage.dropped(Reason.GAP_EXPIRED)).isEqualTo(1);
            assertThat(capture.input.live()).isFalse();
        }
    }

    @Test
    void everyRecordCarriesGoReplaysFourHeaderFieldsItsFirstPacketAndItsFirstToLastPacketTime() throws Exception {
        // GoReplay 1.2+ (input_raw.go): '<type> <id> <first packet> <last packet - first packet>', requests too
        Path file = new Conversation()
                .client("POST /up HTTP/1.1\r\nHost: crafted\r\nContent-Length: 10\r\n\r\n01234").client("56789")
                .pause(7 * MS)
                .server("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nab").server("cd").server("ef")
                .client(get("/two")).server(ok("x")).close().write(dir.resolve("fields.pcap"));
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true))) {
            List<Message> got = readAll(capture);
            assertThat(got).hasSize(4);
            String one = got.get(0).id();
            String two = got.get(2).id();
            // SYN, SYN-ACK, ACK at T0 + 1, 2, 3 ms; each later segment 1 ms on, the pause 7 ms more
            assertThat(got).extracting(Message::header).containsExactly(
                    "1 " + one + " " + (T0 + 4 * MS) + " " + MS,
                    "2 " + one + " " + (T0 + 14 * MS) + " " + 2 * MS,
                    "1 " + two + " " + (T0 + 17 * MS) + " 0",
                    "2 " + two + " " + (T0 + 18 * MS) + " 0");

            // as a .gor file: the same four fields, read back whole
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            dev.shadowtap.gor.GorWriter writer = dev.shadowtap.gor.GorWriter.file(bytes);
            for (Message m : got) {
                writer.write(m);
            }
            assertThat(bytes.toString(StandardCharsets.ISO_8859_1))
                    .startsWith("1 " + one + " " + (T0 + 4 * MS) + " 1000000\nPOST /up HTTP/1.1\r\n");
            List<Message> back = new java.util.ArrayList<>();
            try (dev.shadowtap.gor.GorReader reader = new dev.shadowtap.gor.GorReader(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()), "fields.gor",
                    new dev.shadowtap.core.Stats().stage("in"), dev.shadowtap.core.Log.SILENT)) {
                for (Message m; (m = reader.next()) != null; ) {
                    back.add(m);
                }
            }
            assertThat(back).extracting(Message::header).isEqualTo(got.stream().map(Message::header).toList());
        }
    }

    @Test
    void answersThatComeWhileALostSegmentIsAwaitedKeepTheirPlaceInThePairing() throws Exception {
        // the capture missed part of request two, the server did not: both answers come before the gap is given up
        Path file = new Conversation()
                .client(get("/one")).server(ok("first"))
                .client("GET /two HTTP/1.1\r\nHost: cr").lost("afted\r\n\r\n").server(ok("second"))
                .client(get("/three")).server(ok("third"))
                .pause(3_000 * MS)
                .client(get("/four")).server(ok("fourth")).close().write(dir.resolve("early.pcap"));
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true))) {
            List<Message> got = readAll(capture);
            assertThat(got).extracting(m -> m.type() + " " + new String(m.payload(), StandardCharsets.ISO_8859_1))
                    .containsExactly("REQUEST " + get("/one"), "RESPONSE " + ok("first"),
                            "REQUEST " + get("/three"), "RESPONSE " + ok("third"),
                            "REQUEST " + get("/four"), "RESPONSE " + ok("fourth"));
            for (int i = 0; i < 6; i += 2) {
                assertThat(got.get(i + 1).id()).isEqualTo(got.get(i).id());
                assertThat(got.get(i + 1).timestampNs()).isGreaterThan(got.get(i).timestampNs());
            }
            assertThat(capture.stage.snapshot().drops()).containsOnly(java.util.Map.entry(Reason.INCOMPLETE, 1L),
                    java.util.Map.entry(Reason.RESPONSE_TO_LOST_REQUEST, 1L)); // the cut request's answer
        }
    }

    @Test
    void allowIncompleteEmitsWhatArrivedOfMessagesCutByAGapMarkedAndPaired() throws Exception {
        String head = "POST /cut HTTP/1.1\r\nHost: crafted\r\nContent-Length: 20\r\n\r\n";
        Path file = new Conversation()
                .client(head + "0123").lost("456789").client("abcdefghij")
                .pause(3_000 * MS)
                .server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf").close().write(dir.resolve("cut.pcap"));
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true)
                .withAllowIncomplete(true))) {
            List<Message> got = readAll(capture);
            assertThat(got).extracting(m -> m.type() + " " + new String(m.payload(), StandardCharsets.ISO_8859_1))
                    .containsExactly(
                            "REQUEST POST /cut HTTP/1.1\r\nHost: crafted\r\nContent-Length: 20\r\n"
                                    + "X-Shadowtap-Incomplete: gap\r\n\r\n0123",
                            "RESPONSE HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Shadowtap-Incomplete: end\r\n\r\nhalf");
            assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
            assertThat(capture.stage.snapshot().drops()).isEmpty();
            assertThat(capture.tcpStage.dropped(Reason.GAP_EXPIRED)).isEqualTo(1);
        }
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true))) {
            assertThat(readAll(capture)).isEmpty();
            assertThat(capture.stage.dropped(Reason.INCOMPLETE)).isEqualTo(2);
        }
    }

    @Test
    void aBodyOverTheCopyBufferIsTruncatedAndCounted() throws Exception {
        String body = "x".repeat(100);
        Path file = new Conversation()
                .client("POST /big HTTP/1.1\r\nHost: crafted\r\nContent-Length: 100\r\n\r\n" + body)
                .server(ok("done")).close().write(dir.resolve("big.pcap"));
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true)
                .withMaxBodyBytes(10))) {
            List<Message> got = readAll(capture);
            assertThat(got).hasSize(2);
            assertThat(new String(got.getFirst().payload(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("POST /big HTTP/1.1\r\nHost: crafted\r\nContent-Length: 100\r\n\r\n" + "x".repeat(10));
            assertThat(got.get(1).type()).isEqualTo(MessageType.RESPONSE);
            assertThat(capture.stage.dropped(Reason.TRUNCATED)).isEqualTo(1);
        }
    }

    @Test
    void aCaptureFileWaitsForThePipelineInsteadOfDroppingAndLogsItsStats() throws Exception {
        Conversation c = new Conversation();
        for (int i = 0; i < 50; i++) {
            c.client(get("/q/" + i)).server(ok("r" + i));
        }
        Path file = c.close().write(dir.resolve("many.pcap"));
        // a file waits for the pipeline: with a one-message queue and a reader, nothing is lost
        try (LiveCapture capture = new LiveCapture(new RawInputConfig(
                dev.shadowtap.capture.CaptureSpec.of(file.toString(), CaptureEngine.PCAP_FILE), java.time.Duration.ofSeconds(2),
                false, new dev.shadowtap.http.PairingOptions(true, false, java.util.Optional.empty(), 1 << 20), true, 1))) {
            assertThat(readAll(capture)).hasSize(100);
            assertThat(capture.stage.snapshot().drops()).isEmpty();
            assertThat(capture.logged).anyMatch(l -> l.startsWith("input-raw " + file + ": packets=")
                    && l.contains(" flows=1 ") && l.contains("losses={}"));
        }
    }

    @Test
    void responsesWithoutRequestsAreCountedOnlyWhenTracked() throws Exception {
        Path file = new Conversation().server(ok("unasked")).close().write(dir.resolve("unasked.pcap"));
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true))) {
            assertThat(readAll(capture)).isEmpty();
            assertThat(capture.stage.dropped(Reason.RESPONSE_WITHOUT_REQUEST)).isEqualTo(1);
        }
        try (LiveCapture capture = new LiveCapture(RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, false))) {
            assertThat(readAll(capture)).isEmpty();
            assertThat(capture.stage.snapshot().drops()).isEmpty();
        }
    }
}
