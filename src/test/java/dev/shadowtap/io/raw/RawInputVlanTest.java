package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.PcapWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.shadowtap.io.raw.ExchangeFrames.get;
import static dev.shadowtap.io.raw.ExchangeFrames.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --input-raw-vlan} and {@code --input-raw-vlan-vid} on capture files written by the test:
 * two HTTP exchanges, one on VLAN 10 and one on VLAN 20, interleaved frame by frame.
 */
class RawInputVlanTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    /** Frames of vid 10 (client port 40010) and vid 20 (client port 40020), alternating; plus one untagged exchange. */
    private Path capture(boolean withUntagged) throws IOException {
        List<byte[]> ten = new ExchangeFrames(40010, 0x8100, 10).client(get("/ten")).server(ok("vlan ten")).close().frames;
        List<byte[]> twenty = new ExchangeFrames(40020, 0x8100, 20).client(get("/twenty")).server(ok("vlan twenty"))
                .close().frames;
        List<byte[]> plain = withUntagged
                ? new ExchangeFrames(40030).client(get("/plain")).server(ok("untagged")).close().frames : List.of();
        PcapWriter pcap = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 262144, 1);
        long t = T0;
        for (int i = 0; i < Math.max(ten.size(), plain.size()); i++) {
            for (List<byte[]> frames : List.of(ten, twenty, plain)) {
                if (i < frames.size()) {
                    t += 1_000_000;
                    pcap.record(t, frames.get(i));
                }
            }
        }
        Path file = dir.resolve(withUntagged ? "mixed.pcap" : "tagged.pcap");
        Files.write(file, pcap.bytes());
        return file;
    }

    private static List<String> readAll(LiveCapture capture) throws InterruptedException {
        capture.input.awaitEnd(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!capture.readerDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<Message> got = List.copyOf(capture.messages);
        // each exchange is one request and its response: paired by id, request first
        Map<String, List<Message>> byId = new java.util.LinkedHashMap<>();
        got.forEach(m -> byId.computeIfAbsent(m.id(), k -> new java.util.ArrayList<>()).add(m));
        assertThat(byId.values()).allSatisfy(pair -> assertThat(pair).extracting(Message::type)
                .containsExactly(MessageType.REQUEST, MessageType.RESPONSE));
        return got.stream().map(m -> new String(m.payload(), StandardCharsets.ISO_8859_1)).toList();
    }

    private static RawInputConfig config(Path file) {
        return RawInputConfig.of(file.toString(), CaptureEngine.PCAP_FILE, true);
    }

    @Test
    void withVid10OnlyTheExchangeOnVlan10IsCapturedAndTheRestIsCountedAsNotSelected() throws Exception {
        Path file = capture(false);
        try (LiveCapture capture = new LiveCapture(config(file).withVlan(true, Set.of(10)))) {
            assertThat(readAll(capture)).containsExactly(get("/ten"), ok("vlan ten"));
            assertThat(capture.stage.snapshot().drops())
                    .containsExactly(Map.entry(Reason.VLAN_NOT_SELECTED, 8L)); // every frame of vid 20
        }
    }

    @Test
    void vlanIdsAloneImplyVlanAndSeveralIdsMayBeKept() throws Exception {
        Path file = capture(true);
        try (LiveCapture capture = new LiveCapture(config(file).withVlan(false, Set.of(10, 20)))) {
            assertThat(readAll(capture)).containsExactlyInAnyOrder(get("/ten"), ok("vlan ten"), get("/twenty"), ok("vlan twenty"));
            // with ids given, untagged traffic is not one of them
            assertThat(capture.stage.snapshot().drops()).containsExactly(Map.entry(Reason.VLAN_NOT_SELECTED, 8L));
        }
    }

    @Test
    void withVlanAndNoIdsTaggedAndUntaggedTrafficIsCaptured() throws Exception {
        Path file = capture(true);
        try (LiveCapture capture = new LiveCapture(config(file).withVlan(true, Set.of()))) {
            assertThat(readAll(capture)).containsExactlyInAnyOrder(get("/ten"), ok("vlan ten"), get("/twenty"),
                    ok("vlan twenty"), get("/plain"), ok("untagged"));
            assertThat(capture.stage.snapshot().drops()).isEmpty();
        }
    }

    @Test
    void withoutVlanTaggedFramesAreSkippedAndCountedNotLostSilently() throws Exception {
        Path file = capture(true);
        try (LiveCapture capture = new LiveCapture(config(file))) {
            assertThat(readAll(capture)).containsExactly(get("/plain"), ok("untagged"));
            assertThat(capture.stage.snapshot().drops()).containsExactly(Map.entry(Reason.VLAN_TAGGED, 16L));
        }
    }

    @Test
    void theOuterTagOfAQinQFrameIsTheOneSelected() throws Exception {
        List<byte[]> qinq = new ExchangeFrames(40040, 0x88A8, 10, 0x8100, 20).client(get("/qinq")).server(ok("stacked"))
                .close().frames;
        PcapWriter pcap = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 262144, 1);
        long t = T0;
        for (byte[] frame : qinq) {
            pcap.record(t += 1_000_000, frame);
        }
        Path file = Files.write(dir.resolve("qinq.pcap"), pcap.bytes());
        try (LiveCapture capture = new LiveCapture(config(file).withVlan(true, Set.of(10)))) {
            assertThat(readAll(capture)).containsExactly(get("/qinq"), ok("stacked"));
        }
        try (LiveCapture capture = new LiveCapture(config(file).withVlan(true, Set.of(20)))) {
            assertThat(readAll(capture)).isEmpty();
            assertThat(capture.stage.dropped(Reason.VLAN_NOT_SELECTED)).isEqualTo(8);
        }
    }
}
