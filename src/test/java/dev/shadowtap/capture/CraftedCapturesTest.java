package dev.shadowtap.capture;

import dev.shadowtap.packet.DecodeStatus;
import dev.shadowtap.packet.DecodedPacket;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.packet.PacketDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.shadowtap.packet.DecodedPacket.ACK;
import static dev.shadowtap.packet.DecodedPacket.PSH;
import static dev.shadowtap.packet.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capture files crafted with {@link PcapWriter}, one per link type and file flavour, each holding the
 * same mix of frames (a request, VLAN/QinQ or IPv6 with extension headers where the link allows, IPv4
 * options, a fragment, UDP, ARP, a snaplen-cut frame): read by the engine and decoded, every frame
 * gives the expected status and fields.
 */
class CraftedCapturesTest {
    private static final byte[] GET = "GET /crafted HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long T0 = 1_750_000_000_000_000_000L;

    record Fixture(String what, byte[] frame, int caplen, DecodeStatus status, int[] vlans, int ipVersion) {
    }

    static Stream<Arguments> files() {
        List<Arguments> out = new ArrayList<>();
        for (int code : new int[]{1, 113, 276, 101, 12, 14, 0, 108, 228, 229}) {
            for (String flavour : new String[]{"pcap-le-us", "pcap-be-ns", "pcapng-le", "pcapng-be"}) {
                out.add(Arguments.of(code, flavour));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "link {0} {1}")
    @MethodSource("files")
    void everyFixtureDecodesThroughTheEngine(int code, String flavour) throws IOException {
        LinkType link = LinkType.fromCode(code);
        List<Fixture> fixtures = fixtures(link);
        boolean big = flavour.contains("be");
        PcapWriter w = flavour.startsWith("pcapng")
                ? PcapWriter.pcapng(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).interfaceDescription(code, 0, 9, 0)
                : PcapWriter.pcap(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, flavour.endsWith("ns"), 65535, code);
        for (int i = 0; i < fixtures.size(); i++) {
            Fixture f = fixtures.get(i);
            if (flavour.startsWith("pcapng")) {
                w.enhancedPacket(0, T0 + i, f.frame(), f.caplen(), f.frame().length);
            } else {
                w.record(T0 + i * 1000L, f.frame(), f.caplen(), f.frame().length);
            }
        }
        CollectedFrames sink = new CollectedFrames();
        PcapFileEngine engine = sink.read(w.bytes(), 4096);
        assertThat(engine.linkType()).isEqualTo(link);
        assertThat(sink.frames).hasSameSizeAs(fixtures);
        DecodedPacket p = new DecodedPacket();
        for (int i = 0; i < fixtures.size(); i++) {
            Fixture f = fixtures.get(i);
            CollectedFrames.Frame got = sink.frames.get(i);
            DecodeStatus status = PacketDecoder.decode(got.bytes(), 0, got.bytes().length, got.link(), p);
            assertThat(status).as(f.what()).isEqualTo(f.status());
            assertThat(got.originalLength()).as(f.what()).isEqualTo(f.frame().length);
            assertThat(p.vlanIds()).as(f.what()).containsExactly(f.vlans());
            assertThat(p.ipVersion()).as(f.what()).isEqualTo(f.ipVersion());
            if (f.status() == DecodeStatus.OK) {
                assertThat(p.payload()).as(f.what()).isEqualTo(GET);
                assertThat(p.srcPort()).isEqualTo(50123);
                assertThat(p.dstPort()).isEqualTo(8080);
                assertThat(p.seq()).isEqualTo(4_000_000_000L);
                assertThat(p.flags()).isEqualTo(PSH | ACK);
            }
            if (f.status() == DecodeStatus.PAYLOAD_TRUNCATED) {
                assertThat(p.payloadLength() + p.payloadMissing()).isEqualTo(GET.length);
                assertThat(p.payloadMissing()).isEqualTo(f.frame().length - f.caplen());
            }
        }
    }

    private static List<Fixture> fixtures(LinkType link) {
        byte[] tcp = tcp(50123, 8080, 4_000_000_000L, 1, PSH | ACK, GET);
        byte[] v4 = ipv4(CLIENT4, SERVER4, 6, tcp);
        byte[] v4Options = ipv4(CLIENT4, SERVER4, 6, 1, false, 0, bytes(1, 1, 1, 0), tcp);
        byte[] v4Fragment = ipv4(CLIENT4, SERVER4, 6, 2, true, 0, new byte[0], tcp);
        byte[] v4Udp = ipv4(CLIENT4, SERVER4, 17, new byte[20]);
        byte[] v6 = ipv6(CLIENT6, SERVER6, 0, concat(extension(43, 8), extension(60, 16), extension(6, 8), tcp));
        byte[] v6Fragment = ipv6(CLIENT6, SERVER6, 44, concat(fragmentHeader(6, 0, true, 9), tcp));
        int none = -1;
        List<Fixture> f = new ArrayList<>();
        switch (link) {
            case ETHERNET -> {
                f.add(ok("ethernet ipv4", padded(ethernet(0x0800, v4)), 4));
                f.add(new Fixture("vlan", ethernet(0x0800, v4, 0x8100, 10), none, DecodeStatus.OK, new int[]{10}, 4));
                f.add(new Fixture("qinq ipv6", ethernet(0x86DD, v6, 0x88A8, 300, 0x8100, 20), none, DecodeStatus.OK, new int[]{300, 20}, 6));
                f.add(ok("ipv4 options", ethernet(0x0800, v4Options), 4));
                f.add(status("fragment", ethernet(0x0800, v4Fragment), DecodeStatus.FRAGMENT, 4));
                f.add(status("ipv6 fragment", ethernet(0x86DD, v6Fragment), DecodeStatus.FRAGMENT, 6));
                f.add(status("udp", padded(ethernet(0x0800, v4Udp)), DecodeStatus.NOT_TCP, 4));
                f.add(status("arp", padded(ethernet(0x0806, new byte[28])), DecodeStatus.NOT_IP, 0));
                f.add(new Fixture("snaplen", ethernet(0x0800, v4), 14 + 20 + 20 + 5, DecodeStatus.PAYLOAD_TRUNCATED, new int[0], 4));
                f.add(new Fixture("cut header", ethernet(0x0800, v4), 14 + 10, DecodeStatus.TRUNCATED, new int[0], 0));
            }
            case LINUX_SLL -> {
                f.add(ok("sll ipv4", sll(0, 0x0800, v4), 4));
                f.add(ok("sll ipv6", sll(4, 0x86DD, v6), 6));
                f.add(status("sll fragment", sll(0, 0x0800, v4Fragment), DecodeStatus.FRAGMENT, 4));
                f.add(new Fixture("sll snaplen", sll(0, 0x0800, v4), 16 + 40 + 1, DecodeStatus.PAYLOAD_TRUNCATED, new int[0], 4));
            }
            case LINUX_SLL2 -> {
                f.add(ok("sll2 ipv4", sll2(0x0800, 1, 0, v4Options), 4));
                f.add(ok("sll2 ipv6", sll2(0x86DD, 2, 4, v6), 6));
                f.add(status("sll2 udp", sll2(0x0800, 1, 0, v4Udp), DecodeStatus.NOT_TCP, 4));
            }
            case NULL, LOOP -> {
                f.add(ok("loopback ipv4 le", loopback(2, ByteOrder.LITTLE_ENDIAN, v4), 4));
                f.add(ok("loopback ipv4 be", loopback(2, ByteOrder.BIG_ENDIAN, v4Options), 4));
                f.add(ok("loopback ipv6 macos", loopback(30, ByteOrder.LITTLE_ENDIAN, v6), 6));
                f.add(ok("loopback ipv6 linux", loopback(10, ByteOrder.BIG_ENDIAN, v6), 6));
                f.add(status("loopback fragment", loopback(2, ByteOrder.LITTLE_ENDIAN, v4Fragment), DecodeStatus.FRAGMENT, 4));
            }
            case RAW -> {
                f.add(ok("raw ipv4", v4, 4));
                f.add(ok("raw ipv6", v6, 6));
                f.add(status("raw ipv6 fragment", v6Fragment, DecodeStatus.FRAGMENT, 6));
                f.add(new Fixture("raw snaplen", v6, 40 + 32 + 20 + 3, DecodeStatus.PAYLOAD_TRUNCATED, new int[0], 6));
            }
            case IPV4 -> {
                f.add(ok("ipv4", v4, 4));
                f.add(ok("ipv4 options", v4Options, 4));
            }
            case IPV6 -> f.add(ok("ipv6", v6, 6));
        }
        return f.stream().map(x -> x.caplen() < 0
                ? new Fixture(x.what(), x.frame(), x.frame().length, x.status(), x.vlans(), x.ipVersion()) : x).toList();
    }

    private static Fixture ok(String what, byte[] frame, int ipVersion) {
        return status(what, frame, DecodeStatus.OK, ipVersion);
    }

    private static Fixture status(String what, byte[] frame, DecodeStatus status, int ipVersion) {
        return new Fixture(what, frame, -1, status, new int[0], ipVersion);
    }
}
