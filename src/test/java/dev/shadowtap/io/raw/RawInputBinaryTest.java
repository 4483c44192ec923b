package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.PcapWriter;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.packet.Frames;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --input-raw-protocol binary}: each run of bytes one way is a message, requests and
 * responses paired by turn; on a capture file written by the test and on live loopback traffic of a
 * protocol that is not HTTP.
 */
class RawInputBinaryTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** One connection's frames with their times; client ISN 1000, server ISN 5000, server port 8080. */
    private static final class Turns {
        final PcapWriter pcap = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 262144, 1);
        long clientSeq = 1001;
        long serverSeq = 5001;
        long time = T0;

        Turns() {
            frame(true, 1000, 0, 0x02, "");
            frame(false, 5000, 1001, 0x12, "");
            frame(true, 1001, 5001, 0x10, "");
        }

        Turns client(String text) {
            frame(true, clientSeq, serverSeq, 0x18, text);
            clientSeq += text.length();
            return this;
        }

        /** Time passes (longer than the expire of 500 ms): a bare ACK from the server moves the capture's clock. */
        Turns pause() {
            time += 1_000 * MS;
            frame(false, serverSeq, clientSeq, 0x10, "");
            return this;
        }

        Turns lostClient(String text) {
            clientSeq += text.length();
            return this;
        }

        Turns server(String text) {
            frame(false, serverSeq, clientSeq, 0x18, text);
            serverSeq += text.length();
            return this;
        }

        Turns close() {
            frame(true, clientSeq, serverSeq, 0x11, "");
            clientSeq++;
            frame(false, serverSeq, clientSeq, 0x11, "");
            serverSeq++;
            frame(true, clientSeq, serverSeq, 0x10, "");
            return this;
        }

        private void frame(boolean fromClient, long seq, long ack, int flags, String text) {
            time += MS;
            byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
            byte[] tcp = fromClient ? Frames.tcp(40000, 8080, seq, ack, flags, payload) : Frames.tcp(8080, 40000, seq, ack, flags, payload);
            byte[] ip = fromClient ? Frames.ipv4(Frames.CLIENT4, Frames.SERVER4, 6, tcp) : Frames.ipv4(Frames.SERVER4, Frames.CLIENT4, 6, tcp);
            pcap.record(time, Frames.ethernet(0x0800, ip));
        }
    }

    private List<Message> read(Turns turns, RawInputConfig config) throws Exception {
        Path file = Files.write(dir.resolve("binary.pcap"), turns.pcap.bytes());
        try (LiveCapture capture = new LiveCapture(new RawInputConfig(
                dev.shadowtap.capture.CaptureSpec.of(file.toString(), CaptureEngine.PCAP_FILE)
                        .withDevice(config.capture().device()), Duration.ofMillis(500), true, config.pairing(), false, 4096))) {
            capture.input.awaitEnd(Duration.ofSeconds(10));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!capture.readerDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            drops = capture.stage.snapshot().drops();
            return List.copyOf(capture.messages);
        }
    }

    private Map<Reason, Long> drops;

    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void eachRunOfBytesOneWayIsAMessageAndEveryMessageOfAConnectionHasItsId() throws Exception {
        Turns turns = new Turns().client("\u0001\u0000HEL").client("LO").server("\u0002OK ").server("one")
                .client("AGAIN").server("TWO").close();
        List<Message> got = read(turns, RawInputConfig.of("x", CaptureEngine.PCAP_FILE, true));
        assertThat(got).extracting(m -> m.type() + " " + text(m)).containsExactly(
                "REQUEST \u0001\u0000HELLO", "RESPONSE \u0002OK one", "REQUEST AGAIN", "RESPONSE TWO");
        // one id per connection (GoReplay's keep-alive ids): --output-binary replays it on one connection, in order
        assertThat(got).extracting(Message::id).containsOnly(got.get(0).id());
        assertThat(got.get(0).timestampNs()).isEqualTo(T0 + 4 * MS); // the run's first packet
        // GoReplay 1.2+'s fourth field: each run's first to last packet; the answer's delay is in the timestamps
        assertThat(got).extracting(Message::latencyNs).containsExactly(MS, MS, 0L, 0L);
        assertThat(got.get(1).timestampNs() - got.get(0).timestampNs()).isEqualTo(2 * MS);
        assertThat(drops).isEmpty();
    }

    @Test
    void withoutTrackResponseOnlyTheClientRunsAreEmitted() throws Exception {
        Turns turns = new Turns().client("PING").server("PONG").client("PING2").server("PONG2").close();
        List<Message> got = read(turns, RawInputConfig.of("x", CaptureEngine.PCAP_FILE, false));
        assertThat(got).extracting(m -> m.type() + " " + text(m)).containsExactly("REQUEST PING", "REQUEST PING2");
        assertThat(drops).isEmpty();
    }

    @Test
    void aRunCutByALostSegmentIsCountedAndItsAnswerIsNotPairedWithAnother() throws Exception {
        Turns turns = new Turns().client("FIRST").server("ONE").client("SEC").lostClient("OND").client("!").pause()
                .server("TWO").client("THIRD").server("THREE").close();
        List<Message> got = read(turns, RawInputConfig.of("x", CaptureEngine.PCAP_FILE, true));
        assertThat(got).extracting(m -> m.type() + " " + text(m)).containsExactly(
                "REQUEST FIRST", "RESPONSE ONE", "REQUEST THIRD", "RESPONSE THREE");
        assertThat(drops).containsEntry(Reason.INCOMPLETE, 1L).containsEntry(Reason.RESPONSE_WITHOUT_REQUEST, 1L);
    }

    @Test
    void aRunLongerThanTheCopyBufferIsCutAndCounted() throws Exception {
        Turns turns = new Turns().client("0123456789ABCDEF").server("ok").close();
        List<Message> got = read(turns, RawInputConfig.of("x", CaptureEngine.PCAP_FILE, true).withMaxBodyBytes(10));
        assertThat(got).extracting(RawInputBinaryTest::text).containsExactly("0123456789", "ok");
        assertThat(dev.shadowtap.core.Reasons.byLabel(drops)).containsExactly(Map.entry("truncated", 1L));
    }

    @Test
    void liveTrafficOfAProtocolThatIsNotHttpIsCapturedByTurns() throws Exception {
        CaptureRights.assumeCanCapture();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[64];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(("PONG:" + new String(buf, 0, n, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (java.io.IOException ignored) {
                    // the test ends the connection
                }
            });
            try (LiveCapture capture = new LiveCapture(RawInputConfig.of("127.0.0.1:" + server.getLocalPort(),
                    CaptureEngine.AF_PACKET, true).withBinary(true));
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                for (int i = 0; i < 3; i++) {
                    client.getOutputStream().write(("ping " + i).getBytes(StandardCharsets.US_ASCII));
                    byte[] answer = client.getInputStream().readNBytes(("PONG:ping " + i).length());
                    assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("PONG:ping " + i);
                }
                client.shutdownOutput();
                List<Message> got = capture.awaitThenStop(6);
                assertThat(got).extracting(m -> m.type() + " " + text(m)).containsExactly(
                        "REQUEST ping 0", "RESPONSE PONG:ping 0", "REQUEST ping 1", "RESPONSE PONG:ping 1",
                        "REQUEST ping 2", "RESPONSE PONG:ping 2");
                for (int i = 0; i < 6; i += 2) {
                    assertThat(got.get(i + 1).id()).isEqualTo(got.get(i).id());
                    assertThat(got.get(i).type()).isEqualTo(MessageType.REQUEST);
                    assertThat(got.get(i + 1).timestampNs()).isGreaterThan(got.get(i).timestampNs());
                    assertThat(got.get(i).latencyNs()).isNotNegative();
                    assertThat(got.get(i + 1).latencyNs()).isNotNegative();
                }
                assertThat(capture.stage.snapshot().drops()).isEmpty();
            }
        }
    }
}
