package dev.shadowtap.tcp;

import java.util.Objects;

/**
 * One TCP segment as the reassembler sees it: a <b>reusable mutable view</b> that the decoder fills
 * for every packet and hands to {@link TcpReassembler#accept}, so the hot path allocates nothing per
 * segment. The payload array belongs to the caller only for the duration of that call: the
 * reassembler copies what it must keep (out-of-order data) and lends the rest to the listener.
 *
 * <p>Addresses are held as two longs each: an IPv6 address as its high and low 64 bits, an IPv4
 * address in its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}). Flags use the TCP header's bit
 * values, so a decoder can pass byte 13 of the TCP header unchanged.
 */
public final class Segment {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    static final long IPV4_MAPPED_PREFIX = 0xffffL << 32;
    private static final byte[] EMPTY = new byte[0];

    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int srcPort;
    private int dstPort;
    private int seq;
    private int ack;
    private int flags;
    private byte[] payload = EMPTY;
    private int offset;
    private int length;
    private long timestampNs;

    /** IPv4 source and destination, as big-endian ints (the header's bytes read as an int). */
    public Segment ipv4(int src, int dst) {
        srcHi = 0;
        srcLo = IPV4_MAPPED_PREFIX | (src & 0xffffffffL);
        dstHi = 0;
        dstLo = IPV4_MAPPED_PREFIX | (dst & 0xffffffffL);
        return this;
    }

    /** IPv6 source and destination, each as its high and low 64 bits. */
    public Segment ipv6(long srcHigh, long srcLow, long dstHigh, long dstLow) {
        srcHi = srcHigh;
        srcLo = srcLow;
        dstHi = dstHigh;
        dstLo = dstLow;
        return this;
    }

    /** Addresses as raw bytes, 4 (IPv4) or 16 (IPv6) each; convenient, not for the hot path. */
    public Segment addresses(byte[] src, byte[] dst) {
        long[] s = Addresses.toLongs(src);
        long[] d = Addresses.toLongs(dst);
        return ipv6(s[0], s[1], d[0], d[1]);
    }

    public Segment ports(int src, int dst) {
        srcPort = src & 0xffff;
        dstPort = dst & 0xffff;
        return this;
    }

    /** Sequence number, acknowledgement number (both as unsigned 32-bit values in an int) and flags. */
    public Segment tcp(int sequence, int acknowledgement, int tcpFlags) {
        seq = sequence;
        ack = acknowledgement;
        flags = tcpFlags;
        return this;
    }

    /** The payload, valid only until {@link TcpReassembler#accept} returns. */
    public Segment payload(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        payload = bytes;
        offset = off;
        length = len;
        return this;
    }

    public Segment noPayload() {
        payload = EMPTY;
        offset = 0;
        length = 0;
        return this;
    }

    public Segment timestampNs(long nanos) {
        timestampNs = nanos;
        return this;
    }

    public long srcHi() { return srcHi; }
    public long srcLo() { return srcLo; }
    public long dstHi() { return dstHi; }
    public long dstLo() { return dstLo; }
    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    public int seq() { return seq; }
    public int ack() { return ack; }
    public int flags() { return flags; }
    public boolean syn() { return (flags & SYN) != 0; }
    public boolean fin() { return (flags & FIN) != 0; }
    public boolean rst() { return (flags & RST) != 0; }
    public boolean hasAck() { return (flags & ACK) != 0; }
    public byte[] payload() { return payload; }
    public int offset() { return offset; }
    public int length() { return length; }
    public long timestampNs() { return timestampNs; }

    /**
     * A well-mixed 64-bit hash of the connection, the same for both directions: shard by it
     * ({@link ConnectionHash#shardOf}) so one reassembler sees both halves of a connection.
     */
    public long connectionHash() {
        return ConnectionHash.of(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
    }
}
