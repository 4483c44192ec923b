package dev.shadowtap.packet;

/**
 * Unsigned reads of big- and little-endian integers from a byte array, the only arithmetic the
 * decoders need. Callers check bounds first; these never allocate.
 */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    public static int u16be(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    public static int u16le(byte[] b, int i) {
        return (b[i + 1] & 0xff) << 8 | (b[i] & 0xff);
    }

    /** The 32 bits as an {@code int}; use {@link Integer#toUnsignedLong} where the sign matters. */
    public static int i32be(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    public static int i32le(byte[] b, int i) {
        return (b[i + 3] & 0xff) << 24 | (b[i + 2] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i] & 0xff);
    }

    public static long u32be(byte[] b, int i) {
        return Integer.toUnsignedLong(i32be(b, i));
    }

    public static long u32le(byte[] b, int i) {
        return Integer.toUnsignedLong(i32le(b, i));
    }

    public static int i32(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? i32be(b, i) : i32le(b, i);
    }

    public static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? u16be(b, i) : u16le(b, i);
    }

    public static long i64(byte[] b, int i, boolean bigEndian) {
        long first = Integer.toUnsignedLong(i32(b, i, bigEndian));
        long second = Integer.toUnsignedLong(i32(b, i + 4, bigEndian));
        return bigEndian ? first << 32 | second : second << 32 | first;
    }
}
