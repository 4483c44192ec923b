package dev.shadowtap.packet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.shadowtap.packet.DecodedPacket.ACK;
import static dev.shadowtap.packet.DecodedPacket.FIN;
import static dev.shadowtap.packet.DecodedPacket.PSH;
import static dev.shadowtap.packet.DecodedPacket.SYN;
import static dev.shadowtap.packet.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;

class PacketDecoderTest {
    private static final byte[] GET = "GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final DecodedPacket p = new DecodedPacket();

    private static byte[] segment(byte[] payload) {
        return tcp(51000, 80, 0xFFFF_FFF0L, 0x8000_0001L, PSH | ACK, payload);
    }

    private DecodeStatus decode(byte[] frame, LinkType link) {
        // place the frame inside a bigger buffer so that every offset is tested as relative
        byte[] buf = new byte[frame.length + 13];
        System.arraycopy(frame, 0, buf, 7, frame.length);
        return PacketDecoder.decode(buf, 7, frame.length, link, p);
    }

    private void assertGetSegment4() throws Exception {
        assertThat(p.ipVersion()).isEqualTo(4);
        assertThat(p.addressLength()).isEqualTo(4);
        assertThat(p.srcAddress()).isEqualTo(InetAddress.getByAddress(CLIENT4));
        assertThat(p.dstAddress()).isEqualTo(InetAddress.getByAddress(SERVER4));
        assertThat(Arrays.copyOfRange(p.buffer(), p.srcAddressOffset(), p.srcAddressOffset() + 4)).isEqualTo(CLIENT4);
        assertThat(Arrays.copyOfRange(p.buffer(), p.dstAddressOffset(), p.dstAddressOffset() + 4)).isEqualTo(SERVER4);
        assertTcpFields();
    }

    private void assertTcpFields() {
        assertThat(p.protocol()).isEqualTo(6);
        assertThat(p.srcPort()).isEqualTo(51000);
        assertThat(p.dstPort()).isEqualTo(80);
        assertThat(p.seq()).isEqualTo(0xFFFF_FFF0L);
        assertThat(p.ack()).isEqualTo(0x8000_0001L);
        assertThat(p.flags()).isEqualTo(PSH | ACK);
        assertThat(p.hasFlag(PSH)).isTrue();
        assertThat(p.hasFlag(SYN)).isFalse();
        assertThat(p.window()).isEqualTo(65535);
        assertThat(p.tcpHeaderLength()).isEqualTo(20);
        assertThat(p.payloadOffset()).isEqualTo(p.tcpOffset() + 20);
        assertThat(p.payloadLength()).isEqualTo(GET.length);
        assertThat(p.payloadMissing()).isZero();
        assertThat(p.payload()).isEqualTo(GET);
    }

    @Test
    void ethernetIpv4Tcp() throws Exception {
        byte[] frame = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, segment(GET)));
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.status()).isEqualTo(DecodeStatus.OK);
        assertThat(p.link()).isEqualTo(LinkType.ETHERNET);
        assertThat(p.frameOffset()).isEqualTo(7);
        assertThat(p.frameLength()).isEqualTo(frame.length);
        assertThat(p.etherType()).isEqualTo(0x0800);
        assertThat(p.vlanCount()).isZero();
        assertThat(p.ipOffset()).isEqualTo(7 + 14);
        assertThat(p.ipHeaderLength()).isEqualTo(20);
        assertThat(p.ipTotalLength()).isEqualTo(20 + 20 + GET.length);
        assertThat(p.ttl()).isEqualTo(64);
        assertThat(p.ipId()).isEqualTo(0x1234);
        assertThat(p.isFragment()).isFalse();
        assertThat(p.tcpOffset()).isEqualTo(7 + 14 + 20);
        assertGetSegment4();
        assertThat(p.toString()).contains("10.0.0.1:51000 > 192.168.1.20:80");
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = padded(ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, tcp(1, 2, 3, 4, ACK, new byte[0]))));
        assertThat(frame).hasSize(60);
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.payloadLength()).isZero();
        assertThat(p.payloadMissing()).isZero();
    }

    @Test
    void singleVlanTag() throws Exception {
        byte[] frame = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, segment(GET)), 0x8100, 42);
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.vlanCount()).isEqualTo(1);
        assertThat(p.vlanId(0)).isEqualTo(42);
        assertThat(p.ipOffset()).isEqualTo(7 + 18);
        assertGetSegment4();
    }

    @Test
    void qinqTagsOuterFirst() throws Exception {
        byte[] frame = ethernet(0x86DD, ipv6(CLIENT6, SERVER6, 6, segment(GET)), 0x88A8, 100, 0x8100, 4095);
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.vlanIds()).containsExactly(100, 4095);
        assertThat(p.etherType()).isEqualTo(0x86DD);
        assertThat(p.srcAddress()).isEqualTo(InetAddress.getByAddress(CLIENT6));
        assertTcpFields();
    }

    @Test
    void deepTagStacksAreWalkedButOnlyFourKept() {
        byte[] frame = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, segment(GET)),
                0x9100, 1, 0x9100, 2, 0x88A8, 3, 0x8100, 4, 0x8100, 5);
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.vlanCount()).isEqualTo(5);
        assertThat(p.vlanIds()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void linuxCookedV1() throws Exception {
        byte[] frame = sll(4, 0x0800, ipv4(CLIENT4, SERVER4, 6, segment(GET)));
        assertThat(decode(frame, LinkType.LINUX_SLL)).isEqualTo(DecodeStatus.OK);
        assertThat(p.cookedPacketType()).isEqualTo(4);
        assertThat(p.interfaceIndex()).isEqualTo(-1);
        assertThat(p.ipOffset()).isEqualTo(7 + 16);
        assertGetSegment4();
    }

    @Test
    void linuxCookedV1WithVlanTag() throws Exception {
        byte[] frame = sll(0, 0x8100, concat(bytes(0x00, 0x07, 0x08, 0x00), ipv4(CLIENT4, SERVER4, 6, segment(GET))));
        assertThat(decode(frame, LinkType.LINUX_SLL)).isEqualTo(DecodeStatus.OK);
        assertThat(p.vlanIds()).containsExactly(7);
        assertGetSegment4();
    }

    @Test
    void linuxCookedV2() throws Exception {
        byte[] frame = sll2(0x86DD, 3, 0, ipv6(CLIENT6, SERVER6, 6, segment(GET)));
        assertThat(decode(frame, LinkType.LINUX_SLL2)).isEqualTo(DecodeStatus.OK);
        assertThat(p.interfaceIndex()).isEqualTo(3);
        assertThat(p.cookedPacketType()).isZero();
        assertThat(p.ipOffset()).isEqualTo(7 + 20);
        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(p.addressLength()).isEqualTo(16);
        assertThat(p.dstAddress()).isEqualTo(InetAddress.getByAddress(SERVER6));
        assertThat(p.ttl()).isEqualTo(57);
        assertTcpFields();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 24, 28, 30})
    void nullLoopbackIpv6FamiliesInBothByteOrders(int family) {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] frame = loopback(family, order, ipv6(CLIENT6, SERVER6, 6, segment(GET)));
            assertThat(decode(frame, LinkType.NULL)).isEqualTo(DecodeStatus.OK);
            assertThat(p.ipVersion()).isEqualTo(6);
            assertThat(p.ipOffset()).isEqualTo(7 + 4);
            assertTcpFields();
        }
    }

    @Test
    void loopIpv4AndUnknownFamily() throws Exception {
        assertThat(decode(loopback(2, ByteOrder.BIG_ENDIAN, ipv4(CLIENT4, SERVER4, 6, segment(GET))), LinkType.LOOP))
                .isEqualTo(DecodeStatus.OK);
        assertGetSegment4();
        assertThat(decode(loopback(2, ByteOrder.LITTLE_ENDIAN, ipv4(CLIENT4, SERVER4, 6, segment(GET))), LinkType.NULL))
                .isEqualTo(DecodeStatus.OK);
        assertThat(decode(loopback(7, ByteOrder.LITTLE_ENDIAN, ipv4(CLIENT4, SERVER4, 6, segment(GET))), LinkType.NULL))
                .isEqualTo(DecodeStatus.NOT_IP);
    }

    @Test
    void rawIpTellsVersionsApart() throws Exception {
        assertThat(decode(ipv4(CLIENT4, SERVER4, 6, segment(GET)), LinkType.RAW)).isEqualTo(DecodeStatus.OK);
        assertThat(p.ipOffset()).isEqualTo(7);
        assertGetSegment4();
        assertThat(decode(ipv6(CLIENT6, SERVER6, 6, segment(GET)), LinkType.RAW)).isEqualTo(DecodeStatus.OK);
        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(decode(ipv4(CLIENT4, SERVER4, 6, segment(GET)), LinkType.IPV4)).isEqualTo(DecodeStatus.OK);
        assertThat(decode(ipv6(CLIENT6, SERVER6, 6, segment(GET)), LinkType.IPV6)).isEqualTo(DecodeStatus.OK);
        assertThat(decode(bytes(0x50, 0, 0, 0), LinkType.RAW)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(decode(new byte[0], LinkType.RAW)).isEqualTo(DecodeStatus.TRUNCATED);
    }

    @Test
    void ipv4OptionsMoveTheTcpHeader() throws Exception {
        byte[] options = bytes(0x07, 0x07, 0x04, 0, 0, 0, 0, 0x01); // record route with no room + NOP
        byte[] frame = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, 7, false, 0, options, segment(GET)));
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.ipHeaderLength()).isEqualTo(28);
        assertThat(p.tcpOffset()).isEqualTo(p.ipOffset() + 28);
        assertGetSegment4();
    }

    @Test
    void tcpOptionsAreSkipped() {
        byte[] options = bytes(2, 4, 0x05, 0xb4, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2);
        byte[] frame = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, tcp(1, 2, 3, 0, SYN, 1024, options, GET)));
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.tcpHeaderLength()).isEqualTo(36);
        assertThat(p.payloadOffset()).isEqualTo(p.tcpOffset() + 36);
        assertThat(p.payload()).isEqualTo(GET);
        assertThat(p.flags()).isEqualTo(SYN);
        assertThat(p.window()).isEqualTo(1024);
    }

    @Test
    void ipv4FragmentsAreFlagged() {
        byte[] first = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, 99, true, 0, new byte[0], segment(GET)));
        assertThat(decode(first, LinkType.ETHERNET)).isEqualTo(DecodeStatus.FRAGMENT);
        assertThat(p.isFragment()).isTrue();
        assertThat(p.moreFragments()).isTrue();
        assertThat(p.fragmentOffset()).isZero();
        assertThat(p.ipId()).isEqualTo(99);
        assertThat(p.protocol()).isEqualTo(6);
        assertThat(p.status().reason().label()).isEqualTo("ip-fragment");

        byte[] last = ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, 99, false, 1480, new byte[0], GET));
        assertThat(decode(last, LinkType.ETHERNET)).isEqualTo(DecodeStatus.FRAGMENT);
        assertThat(p.moreFragments()).isFalse();
        assertThat(p.fragmentOffset()).isEqualTo(1480);
        assertThat(p.tcpOffset()).isEqualTo(-1);
    }

    @Test
    void ipv6ExtensionHeadersAreWalked() {
        byte[] after = concat(extension(43, 8), extension(60, 24), extension(6, 16), segment(GET));
        byte[] frame = ethernet(0x86DD, ipv6(CLIENT6, SERVER6, 0, after));
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.ipHeaderLength()).isEqualTo(40 + 8 + 24 + 16);
        assertThat(p.tcpOffset()).isEqualTo(p.ipOffset() + 88);
        assertTcpFields();
    }

    @Test
    void ipv6AuthenticationHeaderCountsWords() {
        byte[] ah = new byte[24];
        ah[0] = 6;
        ah[1] = 4; // (4 + 2) * 4 = 24 bytes
        byte[] frame = ipv6(CLIENT6, SERVER6, 51, concat(ah, segment(GET)));
        assertThat(decode(frame, LinkType.RAW)).isEqualTo(DecodeStatus.OK);
        assertThat(p.ipHeaderLength()).isEqualTo(64);
        assertTcpFields();
    }

    @Test
    void ipv6FragmentsAreFlaggedButAtomicFragmentsAreWhole() {
        byte[] fragment = ipv6(CLIENT6, SERVER6, 0, concat(extension(44, 8), fragmentHeader(6, 0, true, 0xCAFEBABE), segment(GET)));
        assertThat(decode(fragment, LinkType.RAW)).isEqualTo(DecodeStatus.FRAGMENT);
        assertThat(p.ipId()).isEqualTo(0xCAFEBABEL);
        assertThat(p.moreFragments()).isTrue();
        assertThat(p.protocol()).isEqualTo(6);

        byte[] later = ipv6(CLIENT6, SERVER6, 44, concat(fragmentHeader(6, 1232, false, 5), GET));
        assertThat(decode(later, LinkType.RAW)).isEqualTo(DecodeStatus.FRAGMENT);
        assertThat(p.fragmentOffset()).isEqualTo(1232);

        byte[] atomic = ipv6(CLIENT6, SERVER6, 44, concat(fragmentHeader(6, 0, false, 5), segment(GET)));
        assertThat(decode(atomic, LinkType.RAW)).isEqualTo(DecodeStatus.OK);
        assertTcpFields();
    }

    @Test
    void notIpAndNotTcp() {
        assertThat(decode(ethernet(0x0806, new byte[28]), LinkType.ETHERNET)).isEqualTo(DecodeStatus.NOT_IP);
        assertThat(p.etherType()).isEqualTo(0x0806);
        assertThat(decode(ethernet(0x0050, new byte[46]), LinkType.ETHERNET)).isEqualTo(DecodeStatus.NOT_IP);
        assertThat(decode(ethernet(0x0800, ipv4(CLIENT4, SERVER4, 17, new byte[12])), LinkType.ETHERNET))
                .isEqualTo(DecodeStatus.NOT_TCP);
        assertThat(p.protocol()).isEqualTo(17);
        assertThat(p.srcPort()).isZero();
        assertThat(decode(ipv6(CLIENT6, SERVER6, 0, concat(extension(59, 8))), LinkType.RAW)).isEqualTo(DecodeStatus.NOT_TCP);
        assertThat(p.protocol()).isEqualTo(59);
    }

    @Test
    void everyCutOfAFrameIsTruncatedHeaderOrTruncatedPayload() {
        byte[] frame = ethernet(0x8100, concat(bytes(0, 5), bytes(0x08, 0x00), ipv4(CLIENT4, SERVER4, 6, segment(GET))));
        int headers = 14 + 4 + 20 + 20;
        for (int cut = 0; cut < frame.length; cut++) {
            DecodeStatus status = PacketDecoder.decode(frame, 0, cut, LinkType.ETHERNET, p);
            if (cut < headers) {
                assertThat(status).as("cut at %d", cut).isEqualTo(DecodeStatus.TRUNCATED);
            } else {
                assertThat(status).as("cut at %d", cut).isEqualTo(DecodeStatus.PAYLOAD_TRUNCATED);
                assertThat(status.isTcp()).isTrue();
                assertThat(p.payloadLength()).isEqualTo(cut - headers);
                assertThat(p.payloadMissing()).isEqualTo(GET.length - (cut - headers));
                assertThat(p.seq()).isEqualTo(0xFFFF_FFF0L);
            }
        }
        assertThat(PacketDecoder.decode(frame, 0, frame.length, LinkType.ETHERNET, p)).isEqualTo(DecodeStatus.OK);
    }

    @Test
    void everyCutOfAnIpv6FrameWithExtensionsNeverThrows() {
        byte[] frame = sll2(0x86DD, 1, 4, ipv6(CLIENT6, SERVER6, 60, concat(extension(6, 16), segment(GET))));
        int headers = 20 + 40 + 16 + 20;
        for (int cut = 0; cut <= frame.length; cut++) {
            DecodeStatus status = PacketDecoder.decode(frame, 0, cut, LinkType.LINUX_SLL2, p);
            DecodeStatus expected = cut < headers ? DecodeStatus.TRUNCATED
                    : cut < frame.length ? DecodeStatus.PAYLOAD_TRUNCATED : DecodeStatus.OK;
            assertThat(status).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void malformedHeadersAreAStatus() {
        byte[] ip = ipv4(CLIENT4, SERVER4, 6, segment(GET));
        byte[] shortIhl = ip.clone();
        shortIhl[0] = 0x44;
        assertThat(decode(ethernet(0x0800, shortIhl), LinkType.ETHERNET)).isEqualTo(DecodeStatus.MALFORMED);
        byte[] wrongVersion = ip.clone();
        wrongVersion[0] = 0x65;
        assertThat(decode(ethernet(0x0800, wrongVersion), LinkType.ETHERNET)).isEqualTo(DecodeStatus.MALFORMED);
        byte[] totalBelowHeader = ip.clone();
        totalBelowHeader[2] = 0;
        totalBelowHeader[3] = 19;
        assertThat(decode(ethernet(0x0800, totalBelowHeader), LinkType.ETHERNET)).isEqualTo(DecodeStatus.MALFORMED);
        byte[] noRoomForTcp = ip.clone();
        noRoomForTcp[3] = 30;
        assertThat(decode(ethernet(0x0800, noRoomForTcp), LinkType.ETHERNET)).isEqualTo(DecodeStatus.MALFORMED);
        byte[] shortDataOffset = ip.clone();
        shortDataOffset[20 + 12] = 0x40;
        assertThat(decode(ethernet(0x0800, shortDataOffset), LinkType.ETHERNET)).isEqualTo(DecodeStatus.MALFORMED);
        byte[] extensionPastPayload = ipv6(CLIENT6, SERVER6, 0, concat(extension(6, 8), segment(GET)));
        extensionPastPayload[4] = 0;
        extensionPastPayload[5] = 4; // payload length 4 < the 8-byte extension header
        assertThat(decode(extensionPastPayload, LinkType.RAW)).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void zeroTotalLengthFromSegmentationOffloadUsesTheFrame() {
        byte[] ip = ipv4(CLIENT4, SERVER4, 6, segment(GET));
        ip[2] = 0;
        ip[3] = 0;
        assertThat(decode(ethernet(0x0800, ip), LinkType.ETHERNET)).isEqualTo(DecodeStatus.OK);
        assertThat(p.payload()).isEqualTo(GET);
        byte[] ip6 = ipv6(CLIENT6, SERVER6, 6, segment(GET));
        ip6[4] = 0;
        ip6[5] = 0;
        assertThat(decode(ip6, LinkType.RAW)).isEqualTo(DecodeStatus.OK);
        assertThat(p.payload()).isEqualTo(GET);
    }

    @Test
    void theCursorIsResetBetweenFrames() {
        decode(ethernet(0x0800, ipv4(CLIENT4, SERVER4, 6, segment(GET)), 0x8100, 3), LinkType.ETHERNET);
        assertThat(decode(ethernet(0x0806, new byte[28]), LinkType.ETHERNET)).isEqualTo(DecodeStatus.NOT_IP);
        assertThat(p.vlanCount()).isZero();
        assertThat(p.ipVersion()).isZero();
        assertThat(p.payloadLength()).isZero();
        assertThat(p.tcpOffset()).isEqualTo(-1);
        assertThat(p.toString()).contains("NOT_IP");
    }

    @Test
    void finIsReported() {
        decode(ipv4(CLIENT4, SERVER4, 6, tcp(1, 2, 0xFFFFFFFFL, 0, FIN | ACK, new byte[0])), LinkType.RAW);
        assertThat(p.flags()).isEqualTo(FIN | ACK);
        assertThat(p.seq()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void linkTypeCodes() {
        assertThat(LinkType.fromCode(1)).isEqualTo(LinkType.ETHERNET);
        assertThat(LinkType.fromCode(12)).isEqualTo(LinkType.RAW);
        assertThat(LinkType.fromCode(14)).isEqualTo(LinkType.RAW);
        assertThat(LinkType.fromCode(0x0400_0001)).isEqualTo(LinkType.ETHERNET); // FCS bits ignored
        assertThat(LinkType.fromCode(276)).isEqualTo(LinkType.LINUX_SLL2);
        assertThat(LinkType.fromCode(105)).isNull();
        assertThat(LinkType.describe(105)).isEqualTo("IEEE802_11 (105)");
        for (LinkType link : LinkType.values()) {
            assertThat(LinkType.fromCode(link.code())).isEqualTo(link);
        }
    }
}
