package dev.shadowtap.capture;

import dev.shadowtap.packet.LinkType;

/**
 * One Interface Description Block of a pcapng section: its link type ({@code null} when shadowtap
 * cannot decode it), snaplen, and how its timestamps convert to nanoseconds ({@code if_tsresol},
 * {@code if_tsoffset}).
 */
record PcapngInterface(int linkCode, LinkType link, long snaplen, int tsresol, long offsetSeconds) {
    /** Microseconds, the pcapng default when {@code if_tsresol} is absent. */
    static final int DEFAULT_TSRESOL = 6;
    private static final long[] POWERS_OF_TEN = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
            10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
            1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** True when {@code if_tsresol} is something this reader can convert. */
    static boolean validTsresol(int tsresol) {
        return (tsresol & 0x80) == 0 ? tsresol <= 18 : (tsresol & 0x7f) <= 63;
    }

    /** A 64-bit pcapng timestamp in this interface's units as nanoseconds since the epoch. */
    long toNanos(long units) {
        long nanos;
        if ((tsresol & 0x80) == 0) {
            int exponent = tsresol;
            if (exponent <= 9) {
                nanos = units * POWERS_OF_TEN[9 - exponent];
            } else {
                nanos = Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 9]);
            }
        } else {
            int shift = tsresol & 0x7f;
            if (shift == 0) {
                nanos = units * 1_000_000_000L;
            } else {
                long seconds = units >>> shift;
                long fraction = units & ((1L << shift) - 1);
                long high = Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
                long low = fraction * 1_000_000_000L;
                nanos = seconds * 1_000_000_000L + ((high << (64 - shift)) | (low >>> shift));
            }
        }
        return nanos + offsetSeconds * 1_000_000_000L;
    }
}
