package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reasons;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.VxlanEngine;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.shadowtap.io.raw.ExchangeFrames.get;
import static dev.shadowtap.io.raw.ExchangeFrames.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vxlan engine through the whole raw input: real UDP datagrams on the loopback carrying
 * VXLAN-encapsulated Ethernet/IPv4/TCP segments of HTTP exchanges built by the test.
 */
class RawInputVxlanTest {
    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.ISO_8859_1);
    }

    private static RawInputConfig config(int port, Set<Integer> vnis) {
        return RawInputConfig.of(":" + ExchangeFrames.SERVER_PORT, CaptureEngine.VXLAN, true).withVxlan(port, vnis);
    }

    @Test
    void encapsulatedExchangesArriveByteIdenticalAndPairedAndOtherNetworksAreFilteredAndCounted() throws Exception {
        int port = VxlanSender.freePort();
        String body = "x".repeat(3000); // a response in several segments
        try (LiveCapture capture = new LiveCapture(config(port, Set.of(7)));
             VxlanSender sender = new VxlanSender(port)) {
            sender.send(7, new ExchangeFrames(40001).client(get("/one")).server(ok("first"))
                    .client(get("/two")).server(ok(body.substring(0, 1400))).close().frames);
            sender.send(8, new ExchangeFrames(40002).client(get("/other-network")).server(ok("no")).close().frames);
            ExchangeFrames big = new ExchangeFrames(40003).client(get("/big"));
            String response = ok(body);
            for (int i = 0; i < response.length(); i += 1000) {
                big.server(response.substring(i, Math.min(response.length(), i + 1000)));
            }
            sender.send(7, big.close().frames);
            List<Message> got = capture.awaitThenStop(6);
            assertThat(got).extracting(m -> m.type() + " " + text(m)).containsExactlyInAnyOrder(
                    "REQUEST " + get("/one"), "RESPONSE " + ok("first"),
                    "REQUEST " + get("/two"), "RESPONSE " + ok(body.substring(0, 1400)),
                    "REQUEST " + get("/big"), "RESPONSE " + ok(body));
            for (Message response1 : got.stream().filter(m -> m.type() == MessageType.RESPONSE).toList()) {
                Message request = got.stream().filter(m -> m.type() == MessageType.REQUEST && m.id().equals(response1.id()))
                        .findFirst().orElseThrow();
                assertThat(response1.timestampNs()).isGreaterThanOrEqualTo(request.timestampNs());
            }
            assertThat(Reasons.byLabel(capture.stage.snapshot().drops())).containsExactly(Map.entry("vxlan-vni-filtered", 8L));
            assertThat(capture.tcpStage.snapshot().drops()).isEmpty();
        }
    }

    @Test
    void datagramsThatAreNotVxlanAreCountedByReason() throws Exception {
        int port = VxlanSender.freePort();
        try (LiveCapture capture = new LiveCapture(config(port, Set.of()));
             VxlanSender sender = new VxlanSender(port)) {
            sender.raw(new byte[]{0x08, 0, 0, 0, 0});                       // shorter than the header
            sender.raw(new byte[]{0x00, 0, 0, 0, 0, 0, 7, 0, 1, 2, 3});      // I flag not set
            sender.raw(VxlanSender.header(9));                              // a header and no frame at all
            sender.send(123_456, new ExchangeFrames(40004).client(get("/any-vni")).server(ok("kept")).close().frames);
            List<Message> got = capture.awaitThenStop(2);
            assertThat(got).extracting(RawInputVxlanTest::text).containsExactly(get("/any-vni"), ok("kept"));
            assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
            assertThat(Reasons.byLabel(capture.stage.snapshot().drops())).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "vxlan-truncated", 1L, "vxlan-no-vni", 1L, "truncated-header", 1L));
        }
    }

    @Test
    void theEngineAloneCountsWhatItDeliversAndDrops() throws Exception {
        int port = VxlanSender.freePort();
        List<byte[]> frames = new ExchangeFrames(40005).client(get("/engine")).close().frames;
        try (VxlanEngine engine = VxlanEngine.open(new dev.shadowtap.capture.VxlanConfig(port, Set.of(5), 0, 50));
             VxlanSender sender = new VxlanSender(port)) {
            sender.send(5, frames);
            sender.send(6, frames);
            java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();
            Thread runner = Thread.ofPlatform().start(() -> {
                try {
                    engine.run((buf, off, len, orig, ts, link) -> {
                        assertThat(java.util.Arrays.copyOfRange(buf, off, off + len)).isEqualTo(frames.get(delivered.get()));
                        delivered.incrementAndGet();
                    });
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (engine.stats().packets() + engine.stats().engineDrops() < 2L * frames.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            engine.close();
            runner.join(5_000);
            assertThat(runner.isAlive()).isFalse();
            assertThat(delivered.get()).isEqualTo(frames.size());
            assertThat(engine.stats().packets()).isEqualTo(frames.size());
            assertThat(engine.stats().bytes()).isEqualTo(frames.stream().mapToLong(f -> f.length).sum());
            assertThat(Reasons.byLabel(engine.stats().drops())).containsExactly(Map.entry("vxlan-vni-filtered", (long) frames.size()));
        }
    }
}
