package dev.shadowtap.packet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds frames byte by byte for decoder and pcap tests: a TCP segment, wrapped in IPv4 (with
 * options and fragment fields) or IPv6 (with extension headers), wrapped in a link header. Lengths
 * and offsets are computed; checksums are left zero (the decoder does not check them).
 */
public final class Frames {
    public static final byte[] CLIENT4 = {10, 0, 0, 1};
    public static final byte[] SERVER4 = {(byte) 192, (byte) 168, 1, 20};
    public static final byte[] CLIENT6 = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    public static final byte[] SERVER6 = bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55);

    private Frames() {
    }

    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A TCP header with {@code options} (padded to 4 bytes) followed by {@code payload}. */
    public static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options, byte[] payload) {
        int optionsLength = (options.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + optionsLength + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
        b.put((byte) (((20 + optionsLength) / 4) << 4)).put((byte) flags).putShort((short) window);
        b.putShort((short) 0).putShort((short) 0);
        b.put(options).position(20 + optionsLength).put(payload);
        return b.array();
    }

    public static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, byte[] payload) {
        return tcp(srcPort, dstPort, seq, ack, flags, 65535, new byte[0], payload);
    }

    /** An IPv4 header with {@code options} (padded to 4 bytes) carrying {@code payload}. */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, int id, boolean moreFragments, int fragmentOffset,
                              byte[] options, byte[] payload) {
        int headerLength = 20 + ((options.length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.put((byte) (0x40 | headerLength / 4)).put((byte) 0).putShort((short) (headerLength + payload.length));
        b.putShort((short) id).putShort((short) ((moreFragments ? 0x2000 : 0) | fragmentOffset / 8));
        b.put((byte) 64).put((byte) protocol).putShort((short) 0).put(src).put(dst);
        b.put(options).position(headerLength).put(payload);
        return b.array();
    }

    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 0x1234, false, 0, new byte[0], payload);
    }

    /** An IPv6 header; {@code afterHeader} is the extension headers and the transport, whose first is {@code nextHeader}. */
    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] afterHeader) {
        ByteBuffer b = ByteBuffer.allocate(40 + afterHeader.length);
        b.putInt(0x6000_0000).putShort((short) afterHeader.length).put((byte) nextHeader).put((byte) 57);
        b.put(src).put(dst).put(afterHeader);
        return b.array();
    }

    /** A hop-by-hop, routing or destination options header of {@code length} bytes (a multiple of 8). */
    public static byte[] extension(int nextHeader, int length) {
        byte[] h = new byte[length];
        h[0] = (byte) nextHeader;
        h[1] = (byte) (length / 8 - 1);
        h[2] = 1; // PadN option filling the rest
        h[3] = (byte) (length - 4);
        return h;
    }

    public static byte[] fragmentHeader(int nextHeader, int offset, boolean more, int id) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) nextHeader).put((byte) 0).putShort((short) (offset | (more ? 1 : 0))).putInt(id);
        return b.array();
    }

    /** Ethernet II with VLAN tags given as (tpid, vid) pairs, outermost first. */
    public static byte[] ethernet(int etherType, byte[] payload, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(14 + tags.length * 2 + payload.length);
        b.put(bytes(0x02, 0, 0, 0, 0, 0x02)).put(bytes(0x02, 0, 0, 0, 0, 0x01));
        for (int i = 0; i < tags.length; i += 2) {
            b.putShort((short) tags[i]).putShort((short) (0x2000 | tags[i + 1])); // priority 1
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** Pads an Ethernet frame to the 60-byte minimum like a NIC would. */
    public static byte[] padded(byte[] frame) {
        return frame.length >= 60 ? frame : java.util.Arrays.copyOf(frame, 60);
    }

    public static byte[] sll(int packetType, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) packetType).putShort((short) 1).putShort((short) 6);
        b.put(bytes(0x02, 0, 0, 0, 0, 0x01, 0, 0)).putShort((short) etherType).put(payload);
        return b.array();
    }

    public static byte[] sll2(int etherType, int interfaceIndex, int packetType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) etherType).putShort((short) 0).putInt(interfaceIndex).putShort((short) 1);
        b.put((byte) packetType).put((byte) 6).put(bytes(0x02, 0, 0, 0, 0, 0x01, 0, 0)).put(payload);
        return b.array();
    }

    /** A BSD null/loopback header with {@code family} in {@code order}. */
    public static byte[] loopback(int family, ByteOrder order, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).order(order).putInt(family).put(payload).array();
    }
}
