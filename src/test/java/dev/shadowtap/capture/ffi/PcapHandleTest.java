package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real libpcap captures of real loopback traffic, drained on the test thread. */
class PcapHandleTest {
    private Libpcap pcap;

    @BeforeEach
    void needsRootAndLibpcap() {
        CaptureRights.assumeLibpcap();
        CaptureRights.assumeCanCapture();
        pcap = Libpcap.load();
    }

    @Test
    void aTcpdumpFilterOnLoKeepsOnlyItsPort() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        long before = System.currentTimeMillis() * 1_000_000L;
        try (LoopbackHttp server = new LoopbackHttp(); LoopbackHttp other = new LoopbackHttp();
             PcapHandle handle = PcapHandle.open(pcap, LibpcapConfig.of("lo").withFilter("tcp port " + server.port()))) {
            assertThat(handle.linkType()).isEqualTo(LinkTypes.ETHERNET);
            assertThat(handle.warnings()).isEmpty();
            try (Drainer drainer = new Drainer(handle, frames)) {
                other.post("pcap-other-port");
                for (int i = 0; i < 3; i++) {
                    server.post("pcap-body-" + i + "-end");
                }
                assertThat(frames.awaitText("pcap-body-2-end", 10_000)).as(() -> handle.counters() + " " + frames.all().size()).isTrue();
                assertThat(frames.awaitText("echo 15", 10_000)).isTrue();
            }
            long after = System.currentTimeMillis() * 1_000_000L;

            for (int i = 0; i < 3; i++) {
                String marker = "pcap-body-" + i + "-end";
                assertThat(frames.all().stream().filter(f -> f.contains(marker)).count())
                        .as(marker + " " + handle.counters() + " " + frames.all().size()).isEqualTo(1);
            }
            assertThat(frames.sawText("pcap-other-port")).isFalse();
            assertThat(frames.all()).allSatisfy(f -> {
                assertThat(f.touchesPort(server.port())).isTrue();
                assertThat(f.timestampNs()).isBetween(before - 1_000_000_000L, after + 1_000_000_000L);
                assertThat(f.linkType()).isEqualTo(LinkTypes.ETHERNET);
            });
            CaptureCounters counters = handle.counters();
            assertThat(counters.frames()).isEqualTo(frames.all().size());
            assertThat(counters.kernelReceived()).isGreaterThanOrEqualTo(counters.frames());
        }
    }

    @Test
    void immediateModeWithAHostTimestampTypeDeliversToo() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        LibpcapConfig buffered = LibpcapConfig.of("lo").withBuffering(true, 0, 64 << 20).withTimestampType("host");
        try (LoopbackHttp server = new LoopbackHttp();
             PcapHandle handle = PcapHandle.open(pcap, buffered.withFilter("tcp port " + server.port()))) {
            try (Drainer drainer = new Drainer(handle, frames)) {
                server.post("immediate-body");
                assertThat(frames.awaitText("immediate-body", 10_000)).isTrue();
            }
        }
    }

    @Test
    void userMistakesAreOneLine() {
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("nosuch0")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessage("no such network interface: nosuch0");
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("lo").withFilter("tcp port")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("bad --input-raw-bpf-filter \"tcp port\": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("lo").withTimestampType("sundial")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("--input-raw-timestamp-type sundial: unknown; lo offers ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("host"));
    }

    @Test
    void theAnyDeviceUsesLinuxCookedFrames() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        try (LoopbackHttp server = new LoopbackHttp();
             PcapHandle handle = PcapHandle.open(pcap, LibpcapConfig.of("any").withFilter("tcp port " + server.port()))) {
            assertThat(handle.linkType()).isIn(LinkTypes.LINUX_SLL, LinkTypes.LINUX_SLL2);
            try (Drainer drainer = new Drainer(handle, frames)) {
                server.post("cooked-body");
                assertThat(frames.awaitText("cooked-body", 10_000)).isTrue();
            }
            assertThat(frames.all()).isNotEmpty().allSatisfy(f -> assertThat(f.linkType()).isEqualTo(handle.linkType()));
        }
    }

    @Test
    void reportsItsVersion() {
        assertThat(pcap.version()).startsWith("libpcap version ");
    }
}
