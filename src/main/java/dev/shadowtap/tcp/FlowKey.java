package dev.shadowtap.tcp;

import java.net.InetSocketAddress;

/**
 * The 4-tuple of one direction of a TCP connection, compact and allocation-free to compare: each
 * address is two longs (IPv4 in its IPv4-mapped form), ports are 0..65535. A {@link TcpConnection}
 * keeps the client-to-server key.
 */
public record FlowKey(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {

    /** The key of the direction the segment travels. */
    public static FlowKey of(Segment s) {
        return new FlowKey(s.srcHi(), s.srcLo(), s.srcPort(), s.dstHi(), s.dstLo(), s.dstPort());
    }

    /** The key of the opposite direction to the segment's. */
    public static FlowKey reverseOf(Segment s) {
        return new FlowKey(s.dstHi(), s.dstLo(), s.dstPort(), s.srcHi(), s.srcLo(), s.srcPort());
    }

    public static FlowKey of(byte[] src, int srcPort, byte[] dst, int dstPort) {
        long[] s = Addresses.toLongs(src);
        long[] d = Addresses.toLongs(dst);
        return new FlowKey(s[0], s[1], srcPort & 0xffff, d[0], d[1], dstPort & 0xffff);
    }

    public FlowKey reversed() {
        return new FlowKey(dstHi, dstLo, dstPort, srcHi, srcLo, srcPort);
    }

    /** Whether the segment travels in this key's direction. */
    public boolean matches(Segment s) {
        return srcLo == s.srcLo() && dstLo == s.dstLo() && srcPort == s.srcPort() && dstPort == s.dstPort()
                && srcHi == s.srcHi() && dstHi == s.dstHi();
    }

    /** Whether the segment travels in the direction opposite to this key's. */
    public boolean matchesReversed(Segment s) {
        return srcLo == s.dstLo() && dstLo == s.srcLo() && srcPort == s.dstPort() && dstPort == s.srcPort()
                && srcHi == s.dstHi() && dstHi == s.srcHi();
    }

    /** The same value as {@link Segment#connectionHash()} for segments of either direction. */
    public long connectionHash() {
        return ConnectionHash.of(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
    }

    public boolean ipv4() {
        return Addresses.isIpv4(srcHi, srcLo);
    }

    public InetSocketAddress source() {
        return new InetSocketAddress(Addresses.toInetAddress(srcHi, srcLo), srcPort);
    }

    public InetSocketAddress destination() {
        return new InetSocketAddress(Addresses.toInetAddress(dstHi, dstLo), dstPort);
    }

    @Override
    public String toString() {
        return source() + " -> " + destination();
    }
}
