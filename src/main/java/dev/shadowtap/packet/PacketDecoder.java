package dev.shadowtap.packet;

import java.util.Objects;

import static dev.shadowtap.packet.Bytes.i32be;
import static dev.shadowtap.packet.Bytes.u16be;
import static dev.shadowtap.packet.Bytes.u8;

/**
 * Decodes a captured frame down to its TCP segment without copying or allocating: the link layer
 * (Ethernet with any number of 802.1Q/802.1ad tags, Linux cooked v1 and v2, BSD null/loopback, raw
 * IP), then {@link IpHeaders IPv4 or IPv6}, then {@link TcpHeader TCP}. Malformed or cut frames are a
 * {@link DecodeStatus}, never an exception.
 *
 * <pre>{@code
 * DecodedPacket p = new DecodedPacket();            // once per capture thread
 * if (PacketDecoder.decode(buf, off, len, link, p).isTcp()) {
 *     flows.segment(p);                             // offsets into buf, valid during this call
 * } else {
 *     stats.drop(p.status().reason());
 * }
 * }</pre>
 */
public final class PacketDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERNET_HEADER = 14;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int NULL_HEADER = 4;
    private static final int VLAN_TAG = 4;

    private PacketDecoder() {
    }

    /**
     * Decodes {@code len} bytes at {@code off} of {@code buf}, a frame starting with a {@code link}
     * header, into {@code out} and returns (and records in {@code out}) what it found.
     *
     * @throws IndexOutOfBoundsException when {@code off}/{@code len} lie outside {@code buf} (a caller bug)
     */
    public static DecodeStatus decode(byte[] buf, int off, int len, LinkType link, DecodedPacket out) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Objects.requireNonNull(link, "link");
        out.reset(buf, off, len, link);
        DecodeStatus status = decodeLinkAndAbove(buf, off, off + len, link, out);
        out.status = status;
        return status;
    }

    private static DecodeStatus decodeLinkAndAbove(byte[] b, int off, int end, LinkType link, DecodedPacket out) {
        int p;
        switch (link) {
            case ETHERNET -> {
                if (end - off < ETHERNET_HEADER) {
                    return DecodeStatus.TRUNCATED;
                }
                out.etherType = u16be(b, off + 12);
                p = off + ETHERNET_HEADER;
            }
            case LINUX_SLL -> {
                if (end - off < SLL_HEADER) {
                    return DecodeStatus.TRUNCATED;
                }
                out.cookedPacketType = u16be(b, off);
                out.etherType = u16be(b, off + 14);
                p = off + SLL_HEADER;
            }
            case LINUX_SLL2 -> {
                if (end - off < SLL2_HEADER) {
                    return DecodeStatus.TRUNCATED;
                }
                out.etherType = u16be(b, off);
                out.interfaceIndex = i32be(b, off + 4);
                out.cookedPacketType = u8(b, off + 10);
                p = off + SLL2_HEADER;
            }
            case NULL, LOOP -> {
                if (end - off < NULL_HEADER) {
                    return DecodeStatus.TRUNCATED;
                }
                out.etherType = etherTypeOfFamily(i32be(b, off));
                p = off + NULL_HEADER;
            }
            case RAW -> {
                if (end - off < 1) {
                    return DecodeStatus.TRUNCATED;
                }
                int version = u8(b, off) >>> 4;
                if (version != 4 && version != 6) {
                    return DecodeStatus.MALFORMED;
                }
                out.etherType = version == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
                p = off;
            }
            case IPV4 -> {
                out.etherType = ETHERTYPE_IPV4;
                p = off;
            }
            case IPV6 -> {
                out.etherType = ETHERTYPE_IPV6;
                p = off;
            }
            default -> throw new AssertionError(link);
        }
        if (link == LinkType.ETHERNET || link == LinkType.LINUX_SLL || link == LinkType.LINUX_SLL2) {
            while (isVlanTag(out.etherType)) {
                if (end - p < VLAN_TAG) {
                    return DecodeStatus.TRUNCATED;
                }
                if (out.vlanCount < DecodedPacket.MAX_VLAN_TAGS) {
                    out.vlanIds[out.vlanCount] = u16be(b, p) & 0x0fff;
                }
                out.vlanCount++;
                out.etherType = u16be(b, p + 2);
                p += VLAN_TAG;
            }
        }
        return switch (out.etherType) {
            case ETHERTYPE_IPV4 -> IpHeaders.decodeV4(b, p, end, out);
            case ETHERTYPE_IPV6 -> IpHeaders.decodeV6(b, p, end, out);
            default -> DecodeStatus.NOT_IP;
        };
    }

    private static boolean isVlanTag(int etherType) {
        return etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100 || etherType == 0x9200;
    }

    /**
     * The address family of a null/loopback header, in either byte order (the writer's host order
     * for {@link LinkType#NULL}): AF_INET is 2 everywhere; AF_INET6 is 10 on Linux, 24 on
     * NetBSD/OpenBSD, 28 on FreeBSD and 30 on macOS.
     */
    private static int etherTypeOfFamily(int raw) {
        int family = (raw & 0xffff0000) != 0 ? Integer.reverseBytes(raw) : raw;
        return switch (family) {
            case 2 -> ETHERTYPE_IPV4;
            case 10, 24, 28, 30 -> ETHERTYPE_IPV6;
            default -> -1;
        };
    }
}
