package dev.shadowtap.packet;

import static dev.shadowtap.packet.Bytes.u16be;
import static dev.shadowtap.packet.Bytes.u32be;
import static dev.shadowtap.packet.Bytes.u8;

/** IPv4 and IPv6 header decoding for {@link PacketDecoder}; fragments are flagged, not reassembled. */
final class IpHeaders {
    static final int TCP = 6;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int MAX_EXTENSION_HEADERS = 32;

    private IpHeaders() {
    }

    /** {@code p} is the first byte of the IPv4 header, {@code end} the end of the captured frame. */
    static DecodeStatus decodeV4(byte[] b, int p, int end, DecodedPacket out) {
        if (end - p < IPV4_MIN_HEADER) {
            return DecodeStatus.TRUNCATED;
        }
        int versionAndLength = u8(b, p);
        if (versionAndLength >>> 4 != 4) {
            return DecodeStatus.MALFORMED;
        }
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (headerLength < IPV4_MIN_HEADER) {
            return DecodeStatus.MALFORMED;
        }
        if (end - p < headerLength) {
            return DecodeStatus.TRUNCATED;
        }
        int totalLength = u16be(b, p + 2);
        if (totalLength == 0) {
            totalLength = end - p; // TSO / BIG TCP: the sender's NIC fills the length in later
        }
        if (totalLength < headerLength) {
            return DecodeStatus.MALFORMED;
        }
        int flagsAndOffset = u16be(b, p + 6);
        out.ipVersion = 4;
        out.ipOffset = p;
        out.ipHeaderLength = headerLength;
        out.ipTotalLength = totalLength;
        out.ipId = u16be(b, p + 4);
        out.moreFragments = (flagsAndOffset & 0x2000) != 0;
        out.fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
        out.ttl = u8(b, p + 8);
        out.protocol = u8(b, p + 9);
        out.addressOffset = p + 12;
        out.addressLength = 4;
        if (out.moreFragments || out.fragmentOffset != 0) {
            return DecodeStatus.FRAGMENT;
        }
        if (out.protocol != TCP) {
            return DecodeStatus.NOT_TCP;
        }
        return TcpHeader.decode(b, p + headerLength, p + totalLength, end, out);
    }

    /** {@code p} is the first byte of the IPv6 header; extension headers are walked to the transport. */
    static DecodeStatus decodeV6(byte[] b, int p, int end, DecodedPacket out) {
        if (end - p < IPV6_HEADER) {
            return DecodeStatus.TRUNCATED;
        }
        if (u8(b, p) >>> 4 != 6) {
            return DecodeStatus.MALFORMED;
        }
        int payloadLength = u16be(b, p + 4);
        // 0 is a jumbogram or a TSO/BIG TCP capture: the frame tells the length.
        int ipEnd = payloadLength == 0 ? end : p + IPV6_HEADER + payloadLength;
        out.ipVersion = 6;
        out.ipOffset = p;
        out.ipTotalLength = ipEnd - p;
        out.ttl = u8(b, p + 7);
        out.addressOffset = p + 8;
        out.addressLength = 16;
        int next = u8(b, p + 6);
        int q = p + IPV6_HEADER;
        boolean fragment = false;
        for (int walked = 0; walked <= MAX_EXTENSION_HEADERS; walked++) {
            int headerLength;
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination, mobility, HIP, shim6
                    if (end - q < 8) {
                        return truncatedOrMalformed(q + 8, ipEnd, end, out, next, q - p);
                    }
                    headerLength = (u8(b, q + 1) + 1) * 8;
                }
                case 51 -> { // authentication header counts 4-byte words
                    if (end - q < 8) {
                        return truncatedOrMalformed(q + 8, ipEnd, end, out, next, q - p);
                    }
                    headerLength = (u8(b, q + 1) + 2) * 4;
                }
                case 44 -> {
                    if (end - q < 8) {
                        return truncatedOrMalformed(q + 8, ipEnd, end, out, next, q - p);
                    }
                    int offsetAndFlags = u16be(b, q + 2);
                    out.fragmentOffset = offsetAndFlags & 0xfff8;
                    out.moreFragments = (offsetAndFlags & 1) != 0;
                    out.ipId = u32be(b, q + 4);
                    // an atomic fragment (offset 0, no more) is a whole packet (RFC 6946)
                    fragment |= out.fragmentOffset != 0 || out.moreFragments;
                    headerLength = 8;
                }
                default -> {
                    out.protocol = next;
                    out.ipHeaderLength = q - p;
                    if (q > ipEnd) {
                        return DecodeStatus.MALFORMED;
                    }
                    if (fragment) {
                        return DecodeStatus.FRAGMENT;
                    }
                    if (next != TCP) {
                        return DecodeStatus.NOT_TCP;
                    }
                    return TcpHeader.decode(b, q, ipEnd, end, out);
                }
            }
            next = u8(b, q);
            q += headerLength;
            if (q > ipEnd) {
                out.protocol = next;
                out.ipHeaderLength = q - p;
                return DecodeStatus.MALFORMED;
            }
        }
        out.protocol = next;
        out.ipHeaderLength = q - p;
        return DecodeStatus.MALFORMED;
    }

    /** An extension header runs past the captured bytes: cut by the capture, or past the IP length. */
    private static DecodeStatus truncatedOrMalformed(int needed, int ipEnd, int end, DecodedPacket out, int next, int walked) {
        out.protocol = next;
        out.ipHeaderLength = walked;
        return needed > ipEnd && ipEnd <= end ? DecodeStatus.MALFORMED : DecodeStatus.TRUNCATED;
    }
}
