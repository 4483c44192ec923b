package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real AF_PACKET captures of real loopback traffic. Other tests may share lo at the same time, so
 * captures carry a port filter and assertions look at the test's own port.
 */
class AfPacketSocketTest {
    @BeforeEach
    void needsRoot() {
        CaptureRights.assumeCanCapture();
    }

    private static AfPacketConfig loOnPort(int port) {
        return AfPacketConfig.of("lo").withFilter(PortFilter.tcpPorts(List.of(port), 262144));
    }

    @Test
    void seesHttpRequestsOnLoopbackOnceEachWithSaneTimestamps() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        long before = System.currentTimeMillis() * 1_000_000L;
        try (LoopbackHttp server = new LoopbackHttp()) {
            AfPacketSocket socket = AfPacketSocket.open(loOnPort(server.port()));
            try (Drainer drainer = new Drainer(socket, frames)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(server.post("af-packet-body-" + i + "-" + "x".repeat(100))).startsWith("HTTP/1.1 200");
                }
                assertThat(frames.awaitText("af-packet-body-2-", 10_000)).isTrue();
                assertThat(frames.awaitText("echo 117", 10_000)).as("the last response").isTrue();
            }
            long after = System.currentTimeMillis() * 1_000_000L;

            List<CapturedFrames.Frame> all = frames.all();
            for (int i = 0; i < 3; i++) {
                String marker = "af-packet-body-" + i + "-";
                // the outgoing copy on lo is skipped: each request body is delivered exactly once
                assertThat(all.stream().filter(f -> f.contains(marker)).count()).as(marker).isEqualTo(1);
            }
            assertThat(all).allSatisfy(f -> {
                assertThat(f.touchesPort(server.port())).isTrue();
                assertThat(f.linkType()).isEqualTo(LinkTypes.ETHERNET);
                assertThat(f.timestampNs()).isBetween(before - 1_000_000_000L, after + 1_000_000_000L);
                assertThat(f.originalLength()).isEqualTo(f.bytes().length);
                // lo gives Ethernet frames with zero MAC addresses
                assertThat(Arrays.copyOf(f.bytes(), 12)).containsOnly(0);
            });
            // per connection at least SYN, SYN-ACK, ACK, request, response, FINs
            assertThat(all.size()).isGreaterThanOrEqualTo(3 * 7);
            CaptureCounters counters = socket.counters();
            assertThat(counters.frames()).isEqualTo(all.size());
            assertThat(counters.bytes()).isEqualTo(all.stream().mapToLong(f -> f.bytes().length).sum());
            // PACKET_IGNORE_OUTGOING (Linux 4.20+): the kernel no longer copies the sent echo of each
            // loopback packet into the ring; on an older kernel they would be skipped one by one
            assertThat(counters.loopbackEchoes()).isZero();
            assertThat(counters.kernelReceived()).isEqualTo(counters.frames());
            assertThat(counters.kernelDrops()).isZero();
        }
    }

    @Test
    void walksTheRingAroundSeveralTimesThroughOneReusedBuffer() throws Exception {
        // 8 blocks of 64 KiB and 100 requests of 8 KiB: the ring wraps at least once
        record View(byte[] buf, int off, int len, String copy) {
        }
        List<View> views = new java.util.concurrent.CopyOnWriteArrayList<>();
        RawFrameHandler keepViews = (buf, off, len, originalLength, ts, link) ->
                views.add(new View(buf, off, len, new String(buf, off, len, java.nio.charset.StandardCharsets.ISO_8859_1)));
        String filler = "y".repeat(8192);
        try (LoopbackHttp server = new LoopbackHttp()) {
            AfPacketSocket socket = AfPacketSocket.open(loOnPort(server.port()).withRing(8 * 65536, 65536));
            try (Drainer drainer = new Drainer(socket, keepViews)) {
                for (int i = 0; i < 100; i++) {
                    // one request in flight at a time: the ring cannot fill even on a busy machine
                    server.post("wrap-" + i + "-" + filler);
                    String marker = "wrap-" + i + "-";
                    long end = System.nanoTime() + 10_000_000_000L;
                    while (views.stream().noneMatch(v -> v.copy().contains(marker)) && System.nanoTime() < end) {
                        Thread.sleep(2);
                    }
                }
            }
            for (int i = 0; i < 100; i++) {
                String marker = "wrap-" + i + "-";
                assertThat(views.stream().filter(v -> v.copy().contains(marker)).count()).as(marker + " " + socket.counters()).isEqualTo(1);
            }
            // every frame was whole during its call (the copies above), all through one array that the
            // engine rewrites block after block: nothing is allocated per block
            assertThat(views.stream().map(View::buf).distinct()).hasSize(1);
            assertThat(socket.counters().bytes()).isGreaterThan(8L * 65536);
            assertThat(socket.counters().kernelDrops()).isZero();
        }
    }

    @Test
    void anyInterfaceLabelsEachFrameWithItsDevicesLinkType() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        try (LoopbackHttp server = new LoopbackHttp()) {
            AfPacketConfig any = AfPacketConfig.of("any").withFilter(PortFilter.tcpPorts(List.of(server.port()), 65535));
            try (Drainer drainer = new Drainer(AfPacketSocket.open(any), frames)) {
                server.post("any-interface-body");
                assertThat(frames.awaitText("any-interface-body", 10_000)).isTrue();
            }
            assertThat(frames.all().stream().filter(f -> f.contains("any-interface-body")))
                    .singleElement().satisfies(f -> assertThat(f.linkType()).isEqualTo(LinkTypes.ETHERNET));
        }
    }

    @Test
    void anUnknownInterfaceIsOneLineNamingIt() {
        assertThatThrownBy(() -> AfPacketSocket.open(AfPacketConfig.of("nosuch0")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessage("no such network interface: nosuch0");
        assertThatThrownBy(() -> AfPacketSocket.open(AfPacketConfig.of("a-name-longer-than-ifnamsiz")))
                .hasMessage("no such network interface: a-name-longer-than-ifnamsiz");
    }

    @Test
    void promiscuousModeOnLoopbackStillCaptures() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        try (LoopbackHttp server = new LoopbackHttp()) {
            try (Drainer drainer = new Drainer(AfPacketSocket.open(loOnPort(server.port()).withPromiscuous(true)), frames)) {
                server.post("promiscuous-body");
                assertThat(frames.awaitText("promiscuous-body", 10_000)).isTrue();
            }
        }
    }

    @Test
    void aFullTinyRingMakesTheKernelCountDrops() throws Exception {
        // two blocks of one page, nobody draining: a few datagrams fill it and the rest are dropped
        AfPacketConfig tiny = AfPacketConfig.of("lo").withRing(2 * 4096, 4096);
        CapturedFrames frames = new CapturedFrames();
        AfPacketSocket socket = AfPacketSocket.open(tiny);
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] payload = new byte[1000];
            InetAddress lo = InetAddress.getLoopbackAddress();
            for (int i = 0; i < 200; i++) {
                udp.send(new DatagramPacket(payload, payload.length, lo, 9));
            }
            Thread.sleep(50); // let the block timeout retire the last block
            while (socket.drain(frames) > 0) {
                // empty the ring
            }
        } finally {
            socket.close();
        }
        CaptureCounters counters = socket.counters();
        assertThat(counters.kernelDrops()).isPositive();
        assertThat(counters.kernelReceived()).isGreaterThan(counters.kernelDrops());
        assertThat(counters.frames()).isPositive();
    }

    @Test
    void closingTwiceAndDrainingAfterCloseAreHarmless() {
        AfPacketSocket socket = AfPacketSocket.open(AfPacketConfig.of("lo"));
        socket.close();
        socket.close();
        assertThat(socket.drain(new CapturedFrames())).isZero();
    }
}
