package dev.shadowtap.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes pcap and pcapng bytes for tests: classic files in either byte order with micro- or
 * nanosecond timestamps, and pcapng sections (either byte order) with interfaces of any
 * {@code if_tsresol}, Enhanced, Simple and obsolete Packet blocks, statistics and arbitrary blocks.
 */
public final class PcapWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;
    private boolean nanos;
    private final java.util.List<Integer> tsresols = new java.util.ArrayList<>();

    private PcapWriter() {
    }

    /** A classic pcap file with its 24-byte header. */
    public static PcapWriter pcap(ByteOrder order, boolean nanos, int snaplen, int linkType) {
        PcapWriter w = new PcapWriter();
        w.order = order;
        w.nanos = nanos;
        ByteBuffer b = w.buffer(24);
        b.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        b.putInt(snaplen).putInt(linkType);
        w.out.writeBytes(b.array());
        return w;
    }

    /** A pcapng file: its first section header, in {@code order}. */
    public static PcapWriter pcapng(ByteOrder order) {
        PcapWriter w = new PcapWriter();
        w.section(order);
        return w;
    }

    /** A classic record of {@code frame}'s first {@code caplen} bytes, {@code origlen} on the wire. */
    public PcapWriter record(long timestampNs, byte[] frame, int caplen, int origlen) {
        ByteBuffer b = buffer(16 + caplen);
        long seconds = timestampNs / 1_000_000_000L;
        long fraction = timestampNs % 1_000_000_000L;
        b.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000)).putInt(caplen).putInt(origlen);
        b.put(frame, 0, caplen);
        out.writeBytes(b.array());
        return this;
    }

    public PcapWriter record(long timestampNs, byte[] frame) {
        return record(timestampNs, frame, frame.length, frame.length);
    }

    /** Starts a new pcapng section in {@code order}: earlier interfaces no longer apply. */
    public PcapWriter section(ByteOrder order) {
        this.order = order;
        tsresols.clear();
        ByteBuffer body = buffer(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D0D0A, body.array());
    }

    /** An interface description; {@code tsresol} as in {@code if_tsresol} (6 = microseconds, 0x80|n = 2^-n), -1 for none. */
    public PcapWriter interfaceDescription(int linkType, int snaplen, int tsresol, long tsOffsetSeconds) {
        ByteBuffer body = buffer(8 + 8 + 12 + 12 + 4);
        body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        body.putShort((short) 2).putShort((short) 3).put(new byte[]{'l', 'o', 0, 0}); // if_name "lo", padded
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        if (tsOffsetSeconds != 0) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsOffsetSeconds);
        }
        body.putShort((short) 0).putShort((short) 0);
        tsresols.add(tsresol < 0 ? 6 : tsresol);
        return block(1, java.util.Arrays.copyOf(body.array(), body.position()));
    }

    /** An Enhanced Packet Block; the timestamp is given in the interface's units. */
    public PcapWriter enhancedPacket(int interfaceId, long units, byte[] frame, int caplen, int origlen) {
        ByteBuffer body = buffer(20 + pad(caplen) + 12);
        body.putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units).putInt(caplen).putInt(origlen);
        body.put(frame, 0, caplen).position(20 + pad(caplen));
        body.putShort((short) 1).putShort((short) 4).put(new byte[]{'o', 'k', '!', 0}); // opt_comment
        body.putShort((short) 0).putShort((short) 0);
        return block(6, body.array());
    }

    /** An Enhanced Packet Block with the timestamp converted from nanoseconds for a decimal tsresol interface. */
    public PcapWriter enhancedPacketNs(int interfaceId, long timestampNs, byte[] frame) {
        int tsresol = tsresols.get(interfaceId);
        long units = (tsresol & 0x80) != 0
                ? (timestampNs / 1_000_000_000L << (tsresol & 0x7f))
                  + (timestampNs % 1_000_000_000L << (tsresol & 0x7f)) / 1_000_000_000L
                : tsresol <= 9 ? timestampNs / pow10(9 - tsresol) : timestampNs * pow10(tsresol - 9);
        return enhancedPacket(interfaceId, units, frame, frame.length, frame.length);
    }

    public PcapWriter simplePacket(byte[] frame, int origlen) {
        ByteBuffer body = buffer(4 + pad(frame.length));
        body.putInt(origlen).put(frame);
        return block(3, body.array());
    }

    public PcapWriter obsoletePacket(int interfaceId, long units, byte[] frame) {
        ByteBuffer body = buffer(20 + pad(frame.length));
        body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units);
        body.putInt(frame.length).putInt(frame.length).put(frame);
        return block(2, body.array());
    }

    public PcapWriter interfaceStatistics(int interfaceId, long ifdrop) {
        ByteBuffer body = buffer(12 + 12 + 4);
        body.putInt(interfaceId).putInt(0).putInt(0);
        body.putShort((short) 5).putShort((short) 8).putLong(ifdrop).putShort((short) 0).putShort((short) 0);
        return block(5, body.array());
    }

    /** Any block: type, then {@code body} (padded to 4 bytes), framed by the two lengths. */
    public PcapWriter block(int type, byte[] body) {
        int length = 12 + pad(body.length);
        ByteBuffer b = buffer(length);
        b.putInt(type).putInt(length).put(body).position(length - 4);
        b.putInt(length);
        out.writeBytes(b.array());
        return this;
    }

    /** Raw bytes, for damage. */
    public PcapWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }
}
