package dev.shadowtap.packet;

import static dev.shadowtap.packet.Bytes.u16be;
import static dev.shadowtap.packet.Bytes.u32be;
import static dev.shadowtap.packet.Bytes.u8;

/** TCP header decoding for {@link PacketDecoder}; options are skipped by the data offset. */
final class TcpHeader {
    private static final int MIN_HEADER = 20;

    private TcpHeader() {
    }

    /**
     * {@code t} is the first byte of the TCP header, {@code ipEnd} where the IP header says the
     * packet ends and {@code end} where the captured bytes end (either may be first).
     */
    static DecodeStatus decode(byte[] b, int t, int ipEnd, int end, DecodedPacket out) {
        if (ipEnd - t < MIN_HEADER && ipEnd <= end) {
            return DecodeStatus.MALFORMED; // the IP length leaves no room for a TCP header
        }
        if (end - t < MIN_HEADER) {
            return DecodeStatus.TRUNCATED;
        }
        int headerLength = (u8(b, t + 12) >>> 4) * 4;
        if (headerLength < MIN_HEADER || (t + headerLength > ipEnd && ipEnd <= end)) {
            return DecodeStatus.MALFORMED;
        }
        if (t + headerLength > end) {
            return DecodeStatus.TRUNCATED;
        }
        if (t + headerLength > ipEnd) {
            return DecodeStatus.MALFORMED;
        }
        out.tcpOffset = t;
        out.tcpHeaderLength = headerLength;
        out.srcPort = u16be(b, t);
        out.dstPort = u16be(b, t + 2);
        out.seq = u32be(b, t + 4);
        out.ack = u32be(b, t + 8);
        out.flags = u8(b, t + 13);
        out.window = u16be(b, t + 14);
        int payload = t + headerLength;
        int present = Math.min(ipEnd, end) - payload;
        out.payloadOffset = payload;
        out.payloadLength = present;
        out.payloadMissing = ipEnd - payload - present;
        return out.payloadMissing > 0 ? DecodeStatus.PAYLOAD_TRUNCATED : DecodeStatus.OK;
    }
}
