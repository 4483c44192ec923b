package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --input-raw-timestamp-type}, {@code --input-raw-monitor} and the cooked v2 frames of "any",
 * on real libpcap handles on the loopback.
 */
class PcapHandleOptionsTest {
    private Libpcap pcap;

    @BeforeEach
    void needsRootAndLibpcap() {
        CaptureRights.assumeLibpcap();
        CaptureRights.assumeCanCapture();
        pcap = Libpcap.load();
    }

    @Test
    void theHostTimestampTypeInEitherSpellingCapturesFramesStampedNow() throws Exception {
        for (String name : new String[]{"host", "PCAP_TSTAMP_HOST"}) {
            CapturedFrames frames = new CapturedFrames();
            long before = System.currentTimeMillis() * 1_000_000L;
            try (LoopbackHttp server = new LoopbackHttp();
                 PcapHandle handle = PcapHandle.open(pcap, LibpcapConfig.of("lo").withTimestampType(name)
                         .withFilter("tcp port " + server.port()))) {
                try (Drainer drainer = new Drainer(handle, frames)) {
                    server.post("stamped-" + name);
                    assertThat(frames.awaitText("stamped-" + name, 10_000)).isTrue();
                }
                long after = System.currentTimeMillis() * 1_000_000L;
                assertThat(frames.all()).allSatisfy(f -> assertThat(f.timestampNs())
                        .isBetween(before - 1_000_000_000L, after + 1_000_000_000L));
            }
        }
    }

    @Test
    void aTimestampTypeTheInterfaceDoesNotOfferIsOneLineListingWhatItOffers() {
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("lo").withTimestampType("adapter_unsynced")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("--input-raw-timestamp-type adapter_unsynced: not supported; lo offers ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("host"));
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("lo").withTimestampType("PCAP_TSTAMP_SUNDIAL")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("--input-raw-timestamp-type PCAP_TSTAMP_SUNDIAL: unknown; lo offers ");
    }

    /** On "any" the line says what it is: "any offers only host" reads as English otherwise. */
    @Test
    void thePseudoInterfaceAnyIsNamedInWords() {
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("any").withTimestampType("adapter_unsynced")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("--input-raw-timestamp-type adapter_unsynced: not supported; any (all interfaces) offers ");
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("any").withMonitor(true)))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("--input-raw-monitor: any (all interfaces) ");
    }

    @Test
    void monitorModeOnAnInterfaceThatCannotIsOneClearLine() {
        assertThatThrownBy(() -> PcapHandle.open(pcap, LibpcapConfig.of("lo").withMonitor(true)))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessage("--input-raw-monitor: lo cannot be put in monitor mode (only wireless interfaces can)");
    }

    @Test
    void cookedV2OnAnyGivesEachFrameItsInterfaceIndex() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        try (LoopbackHttp server = new LoopbackHttp();
             PcapHandle handle = PcapHandle.open(pcap, LibpcapConfig.of("any").withCookedV2(true)
                     .withFilter("tcp port " + server.port()))) {
            assertThat(handle.linkType()).isEqualTo(LinkTypes.LINUX_SLL2);
            try (Drainer drainer = new Drainer(handle, frames)) {
                server.post("cooked-v2");
                assertThat(frames.awaitText("cooked-v2", 10_000)).isTrue();
            }
            int lo = java.net.NetworkInterface.getByName("lo").getIndex();
            assertThat(frames.all()).isNotEmpty().allSatisfy(f -> assertThat(f.linkType()).isEqualTo(LinkTypes.LINUX_SLL2));
            // SLL2 carries the interface index big-endian at bytes 4..8
            assertThat(frames.all()).allSatisfy(f -> assertThat(java.nio.ByteBuffer.wrap(f.bytes(), 4, 4).getInt()).isEqualTo(lo));
        }
    }
}
