package dev.shadowtap.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A reusable cursor over one decoded frame: offsets into the caller's buffer and the header fields,
 * filled by {@link PacketDecoder#decode}. Nothing is copied; the fields are valid until the next
 * decode into this cursor or until the buffer changes. Which fields are valid depends on the
 * {@link DecodeStatus}: link fields always past the link header, IP fields from {@code NOT_TCP} on,
 * TCP fields for {@link DecodeStatus#isTcp()}. One cursor per capture thread; not thread-safe.
 */
public final class DecodedPacket {
    /** The most VLAN tags recorded; deeper stacks are decoded but only the outer ones are kept. */
    public static final int MAX_VLAN_TAGS = 4;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    byte[] buf;
    int frameOffset;
    int frameLength;
    LinkType link;
    DecodeStatus status;

    int etherType;
    final int[] vlanIds = new int[MAX_VLAN_TAGS];
    int vlanCount;
    int cookedPacketType;
    int interfaceIndex;

    int ipVersion;
    int ipOffset;
    int ipHeaderLength;
    int ipTotalLength;
    int protocol;
    int ttl;
    int addressOffset;
    int addressLength;
    long ipId;
    int fragmentOffset;
    boolean moreFragments;

    int tcpOffset;
    int tcpHeaderLength;
    int srcPort;
    int dstPort;
    long seq;
    long ack;
    int flags;
    int window;
    int payloadOffset;
    int payloadLength;
    int payloadMissing;

    void reset(byte[] buf, int off, int len, LinkType link) {
        this.buf = buf;
        this.frameOffset = off;
        this.frameLength = len;
        this.link = link;
        this.status = null;
        etherType = -1;
        vlanCount = 0;
        cookedPacketType = -1;
        interfaceIndex = -1;
        ipVersion = 0;
        ipOffset = -1;
        ipHeaderLength = 0;
        ipTotalLength = 0;
        protocol = -1;
        ttl = 0;
        addressOffset = -1;
        addressLength = 0;
        ipId = 0;
        fragmentOffset = 0;
        moreFragments = false;
        tcpOffset = -1;
        tcpHeaderLength = 0;
        srcPort = 0;
        dstPort = 0;
        seq = 0;
        ack = 0;
        flags = 0;
        window = 0;
        payloadOffset = -1;
        payloadLength = 0;
        payloadMissing = 0;
    }

    public DecodeStatus status() {
        return status;
    }

    public byte[] buffer() {
        return buf;
    }

    public int frameOffset() {
        return frameOffset;
    }

    public int frameLength() {
        return frameLength;
    }

    public LinkType link() {
        return link;
    }

    /** The EtherType of the network layer (0x0800, 0x86DD...), -1 when the link has none. */
    public int etherType() {
        return etherType;
    }

    /** How many 802.1Q/802.1ad tags the frame carried (at most {@link #MAX_VLAN_TAGS} recorded). */
    public int vlanCount() {
        return vlanCount;
    }

    /** The VLAN id (12 bits) of tag {@code i}, 0 the outermost. */
    public int vlanId(int i) {
        if (i < 0 || i >= Math.min(vlanCount, MAX_VLAN_TAGS)) {
            throw new IndexOutOfBoundsException("vlan tag " + i + " of " + vlanCount);
        }
        return vlanIds[i];
    }

    /** The VLAN ids, outermost first (allocates; not for the hot path). */
    public int[] vlanIds() {
        return Arrays.copyOf(vlanIds, Math.min(vlanCount, MAX_VLAN_TAGS));
    }

    /** Linux cooked capture packet type (0 to us, 1 broadcast, 2 multicast, 3 other host, 4 outgoing), -1 otherwise. */
    public int cookedPacketType() {
        return cookedPacketType;
    }

    /** SLL2 interface index, -1 for other links. */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** 4 or 6; 0 when the frame is not IP. */
    public int ipVersion() {
        return ipVersion;
    }

    public int ipOffset() {
        return ipOffset;
    }

    /** The IPv4 header with options, or the IPv6 header with every extension header walked. */
    public int ipHeaderLength() {
        return ipHeaderLength;
    }

    /** IP header plus payload as the header declares it (from the frame for a TSO zero length). */
    public int ipTotalLength() {
        return ipTotalLength;
    }

    /** The transport protocol (6 TCP, 17 UDP...): for IPv6 the last next-header value walked. */
    public int protocol() {
        return protocol;
    }

    /** IPv4 TTL or IPv6 hop limit. */
    public int ttl() {
        return ttl;
    }

    /** 4 for IPv4, 16 for IPv6. */
    public int addressLength() {
        return addressLength;
    }

    /** Offset in {@link #buffer()} of the source address ({@link #addressLength()} bytes). */
    public int srcAddressOffset() {
        return addressOffset;
    }

    /** Offset in {@link #buffer()} of the destination address. */
    public int dstAddressOffset() {
        return addressOffset + addressLength;
    }

    /** IPv4 identification, or the IPv6 fragment header's identification (0 when none). */
    public long ipId() {
        return ipId;
    }

    /** The fragment offset in bytes (IPv4 or the IPv6 fragment header). */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    public boolean moreFragments() {
        return moreFragments;
    }

    public boolean isFragment() {
        return status == DecodeStatus.FRAGMENT;
    }

    public int tcpOffset() {
        return tcpOffset;
    }

    /** The TCP header with its options (data offset * 4). */
    public int tcpHeaderLength() {
        return tcpHeaderLength;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    /** Sequence number, 0 to 2^32-1. */
    public long seq() {
        return seq;
    }

    /** Acknowledgement number, 0 to 2^32-1 (meaningful with {@link #ACK}). */
    public long ack() {
        return ack;
    }

    /** TCP flag bits: {@link #FIN}, {@link #SYN}, {@link #RST}, {@link #PSH}, {@link #ACK}... */
    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    public int window() {
        return window;
    }

    /** Offset in {@link #buffer()} of the TCP payload. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes present in the buffer (Ethernet padding excluded). */
    public int payloadLength() {
        return payloadLength;
    }

    /** Payload bytes the IP header declares but the capture cut off. */
    public int payloadMissing() {
        return payloadMissing;
    }

    /** The source address as an {@link InetAddress} (allocates; not for the hot path). */
    public InetAddress srcAddress() {
        return address(addressOffset);
    }

    /** The destination address as an {@link InetAddress} (allocates; not for the hot path). */
    public InetAddress dstAddress() {
        return address(addressOffset + addressLength);
    }

    /** Copies the payload out (allocates; for tests and slow paths). */
    public byte[] payload() {
        return payloadOffset < 0 ? new byte[0] : Arrays.copyOfRange(buf, payloadOffset, payloadOffset + payloadLength);
    }

    private InetAddress address(int offset) {
        if (addressLength == 0) {
            throw new IllegalStateException("not an IP packet: " + status);
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(buf, offset, offset + addressLength));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        if (addressLength == 0) {
            return "DecodedPacket[" + status + " " + link + " etherType=0x" + Integer.toHexString(etherType) + "]";
        }
        return "DecodedPacket[" + status + " " + srcAddress().getHostAddress() + ":" + srcPort + " > "
                + dstAddress().getHostAddress() + ":" + dstPort + " proto=" + protocol + " seq=" + seq
                + " ack=" + ack + " flags=0x" + Integer.toHexString(flags) + " payload=" + payloadLength + "]";
    }
}
