package dev.shadowtap.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Conversions between address bytes and the two-long form that segments and flow keys carry. */
final class Addresses {
    private Addresses() {
    }

    static long[] toLongs(byte[] address) {
        ByteBuffer b = ByteBuffer.wrap(address);
        return switch (address.length) {
            case 4 -> new long[] {0, Segment.IPV4_MAPPED_PREFIX | (b.getInt() & 0xffffffffL)};
            case 16 -> new long[] {b.getLong(), b.getLong()};
            default -> throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        };
    }

    static boolean isIpv4(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    static InetAddress toInetAddress(long hi, long lo) {
        byte[] bytes = isIpv4(hi, lo)
                ? ByteBuffer.allocate(4).putInt((int) lo).array()
                : ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
