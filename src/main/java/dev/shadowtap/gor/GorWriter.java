package dev.shadowtap.gor;

import dev.shadowtap.pipeline.Message;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes messages in .gor form, byte-compatible with GoReplay: the header line, the payload byte for
 * byte, the separator. The stream is the caller's: it buffers, compresses and closes it. Not
 * thread-safe: one writer per stream.
 */
public final class GorWriter {
    private static final int MAX_LONG_DIGITS = 19;

    private final OutputStream out;
    private byte[] header = new byte[128];

    private GorWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Records ended by the separator, as in .gor files and on {@code --output-stdout} (GoReplay 1.3+
     * prints the same three parts, so its stdout is a .gor stream).
     */
    public static GorWriter file(OutputStream out) {
        return new GorWriter(out);
    }

    /** Writes one record and returns how many bytes it took. */
    public int write(Message message) throws IOException {
        int headerLength = encodeHeader(message);
        out.write(header, 0, headerLength);
        out.write(message.payload());
        out.write(GorFormat.SEPARATOR);
        return headerLength + message.payload().length + GorFormat.SEPARATOR.length;
    }

    /** The record's header line with its newline, as {@link #write} writes it. */
    public byte[] headerLine(Message message) {
        return java.util.Arrays.copyOf(header, encodeHeader(message));
    }

    /** The size {@link #write} would report, without writing. */
    public int sizeOf(Message message) {
        int size = 2 + message.id().length() + 1 + digits(message.timestampNs()) + 1;
        if (message.hasLatency() || message.hasExtra()) {
            size += 1 + digits(message.hasLatency() ? message.latencyNs() : Message.UNKNOWN_LATENCY);
        }
        if (message.hasExtra()) {
            size += 1 + message.extra().length();
        }
        return size + message.payload().length + GorFormat.SEPARATOR.length;
    }

    /** Writes {@code type id timestamp[ latency[ extra]]\n} into {@link #header}; returns its length. */
    private int encodeHeader(Message message) {
        int needed = maxHeaderLength(message);
        if (header.length < needed) {
            header = new byte[needed];
        }
        return header(message, header);
    }

    /** The most bytes {@link #header} writes for this message. */
    public static int maxHeaderLength(Message message) {
        return message.id().length() + 2 * (MAX_LONG_DIGITS + 2) + 5 + message.extra().length();
    }

    /**
     * Writes the header line {@code type id timestamp[ latency[ extra]]\n} into {@code h} (at least
     * {@link #maxHeaderLength} long) from index 0; returns its length.
     */
    public static int header(Message message, byte[] h) {
        String id = message.id();
        String extra = message.extra();
        int p = 0;
        h[p++] = (byte) message.type().code();
        h[p++] = ' ';
        for (int i = 0; i < id.length(); i++) {
            h[p++] = (byte) id.charAt(i);
        }
        h[p++] = ' ';
        p = putDecimal(h, p, message.timestampNs());
        if (message.hasLatency() || !extra.isEmpty()) {
            h[p++] = ' ';
            p = putDecimal(h, p, message.hasLatency() ? message.latencyNs() : Message.UNKNOWN_LATENCY);
        }
        if (!extra.isEmpty()) {
            h[p++] = ' ';
            for (int i = 0; i < extra.length(); i++) {
                h[p++] = (byte) extra.charAt(i);
            }
        }
        h[p++] = '\n';
        return p;
    }

    private static int putDecimal(byte[] h, int p, long value) {
        if (value < 0) {
            // a latency of -1 (unknown), as GoReplay writes it; no Long.MIN_VALUE reaches here (it means no field)
            h[p++] = '-';
            value = -value;
        }
        int end = p + digits(value);
        int i = end;
        // long divisions only while the value needs them (a nanosecond timestamp: its top 10 digits)
        while (value > Integer.MAX_VALUE) {
            long q = value / 10;
            h[--i] = (byte) ('0' + (value - q * 10));
            value = q;
        }
        int v = (int) value;
        while (v >= 10) {
            int q = v / 10;
            h[--i] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        h[--i] = (byte) ('0' + v);
        return end;
    }

    /** Decimal digits of {@code value}, with its sign: a guess from its bit length, corrected once (no division loop). */
    static int digits(long value) {
        if (value < 0) {
            return 1 + digits(value == Long.MIN_VALUE ? Long.MAX_VALUE : -value);
        }
        int guess = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12;
        return guess < TENS.length && value >= TENS[guess] ? guess + 1 : Math.max(1, guess);
    }

    private static final long[] TENS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};
}
