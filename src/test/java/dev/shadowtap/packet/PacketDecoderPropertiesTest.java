package dev.shadowtap.packet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static dev.shadowtap.packet.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes, and valid frames with random damage, decode to a status (never an exception) with
 * every offset inside the frame; random valid TCP segments in every link layer decode back to the
 * fields they were built from.
 */
class PacketDecoderPropertiesTest {
    private final DecodedPacket p = new DecodedPacket();

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] bytes, @ForAll LinkType link,
                               @ForAll @IntRange(max = 10) int trimStart, @ForAll @IntRange(max = 10) int trimEnd) {
        int off = Math.min(trimStart, bytes.length);
        int len = Math.max(0, bytes.length - off - trimEnd);
        DecodeStatus status = PacketDecoder.decode(bytes, off, len, link, p);
        assertInsideFrame(status, off, len);
    }

    @Property(tries = 1000)
    void damagedValidFramesNeverThrow(@ForAll("segments") Segment segment, @ForAll long seed) {
        byte[] frame = segment.frame();
        Random random = new Random(seed);
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
        }
        int len = random.nextBoolean() ? frame.length : random.nextInt(frame.length + 1);
        DecodeStatus status = PacketDecoder.decode(frame, 0, len, segment.link(), p);
        assertInsideFrame(status, 0, len);
    }

    @Property(tries = 500)
    void validSegmentsDecodeToWhatTheyWereBuiltFrom(@ForAll("segments") Segment s) {
        byte[] frame = s.frame();
        assertThat(PacketDecoder.decode(frame, 0, frame.length, s.link(), p)).isEqualTo(DecodeStatus.OK);
        assertThat(p.ipVersion()).isEqualTo(s.v6() ? 6 : 4);
        assertThat(Arrays.copyOfRange(frame, p.srcAddressOffset(), p.srcAddressOffset() + p.addressLength()))
                .isEqualTo(s.v6() ? CLIENT6 : CLIENT4);
        assertThat(Arrays.copyOfRange(frame, p.dstAddressOffset(), p.dstAddressOffset() + p.addressLength()))
                .isEqualTo(s.v6() ? SERVER6 : SERVER4);
        assertThat(p.srcPort()).isEqualTo(s.srcPort());
        assertThat(p.dstPort()).isEqualTo(s.dstPort());
        assertThat(p.seq()).isEqualTo(s.seq());
        assertThat(p.ack()).isEqualTo(s.ack());
        assertThat(p.flags()).isEqualTo(s.flags());
        assertThat(p.vlanIds()).containsExactly(s.vlans());
        assertThat(p.payload()).isEqualTo(s.payload());
        assertThat(p.payloadMissing()).isZero();
    }

    private void assertInsideFrame(DecodeStatus status, int off, int len) {
        assertThat(status).isNotNull().isSameAs(p.status());
        if (status.isTcp()) {
            assertThat(p.payloadOffset()).isBetween(off, off + len);
            assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(off + len);
            assertThat(p.payloadLength()).isNotNegative();
            assertThat(p.payloadMissing()).isNotNegative();
            assertThat(p.tcpOffset()).isGreaterThanOrEqualTo(p.ipOffset() + p.ipHeaderLength());
        }
        if (p.addressLength() > 0) {
            assertThat(p.dstAddressOffset() + p.addressLength()).isLessThanOrEqualTo(off + len);
            assertThat(p.srcAddress()).isNotNull();
        }
    }

    record Segment(LinkType link, boolean v6, int[] vlans, int srcPort, int dstPort, long seq, long ack, int flags,
                   byte[] payload, boolean bigEndianNull) {
        byte[] frame() {
            byte[] tcp = tcp(srcPort, dstPort, seq, ack, flags, payload);
            byte[] ip = v6 ? ipv6(CLIENT6, SERVER6, 6, tcp) : ipv4(CLIENT4, SERVER4, 6, tcp);
            int etherType = v6 ? 0x86DD : 0x0800;
            int[] tags = new int[vlans.length * 2];
            for (int i = 0; i < vlans.length; i++) {
                tags[2 * i] = i == 0 && vlans.length > 1 ? 0x88A8 : 0x8100;
                tags[2 * i + 1] = vlans[i];
            }
            return switch (link) {
                case ETHERNET -> padded(ethernet(etherType, ip, tags));
                case LINUX_SLL -> sll(0, etherType, ip);
                case LINUX_SLL2 -> sll2(etherType, 1, 0, ip);
                case NULL, LOOP -> loopback(v6 ? 30 : 2, bigEndianNull ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, ip);
                case RAW, IPV4, IPV6 -> ip;
            };
        }
    }

    @Provide
    Arbitrary<Segment> segments() {
        Arbitrary<LinkType> links = Arbitraries.of(LinkType.values());
        return links.flatMap(link -> {
            Arbitrary<Boolean> v6 = link == LinkType.IPV4 ? Arbitraries.just(false)
                    : link == LinkType.IPV6 ? Arbitraries.just(true) : Arbitraries.of(true, false);
            Arbitrary<int[]> vlans = link == LinkType.ETHERNET
                    ? Arbitraries.integers().between(0, 4095).array(int[].class).ofMaxSize(3)
                    : Arbitraries.just(new int[0]);
            return net.jqwik.api.Combinators.combine(v6, vlans, Arbitraries.integers().between(0, 65535),
                            Arbitraries.integers().between(0, 65535), Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                            Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.integers().between(0, 255),
                            Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                    .as((isV6, tags, sp, dp, seq, ack, flags, payload) ->
                            new Segment(link, isV6, tags, sp, dp, seq, ack, flags, payload, seq % 2 == 0));
        });
    }
}
