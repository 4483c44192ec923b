package dev.shadowtap.middleware;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GoReplay's middleware framing: one line per message, the hex of {@code header\npayload} (a .gor
 * record without its separator), then a newline. Decoding never throws: a bad line is a
 * {@link Bad} with the reason it is counted under. Both ways are table lookups into the caller's
 * arrays: decoding checks the digits in the same pass and writes the payload straight into the
 * message's own array.
 */
final class HexLine {
    /** Byte arrays read and written two bytes at a time, first byte lowest, whatever the CPU. */
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** The two lower-case digits of each byte value, as {@link #SHORTS} writes them. */
    private static final short[] DIGIT_PAIRS = new short[256];
    /** The value of each hex digit, -1 for any other byte. */
    private static final int[] VALUES = new int[256];
    /**
     * The byte value of every pair of hex digits, indexed by the two as {@link #SHORTS} reads them; -1
     * for a pair with any other byte. One lookup per byte, and OR-ed over a line one bad pair makes it
     * negative. The pairs in use share a few dozen cache lines.
     */
    private static final short[] PAIR_VALUES = new short[1 << 16];
    private static final byte[] NO_PAYLOAD = new byte[0];

    static {
        byte[] digits = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int b = 0; b < 256; b++) {
            DIGIT_PAIRS[b] = (short) (digits[b >>> 4] | digits[b & 0xf] << 8);
        }
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['a' + i] = 10 + i;
            VALUES['A' + i] = 10 + i;
        }
        for (int pair = 0; pair < PAIR_VALUES.length; pair++) {
            int hi = VALUES[pair & 0xff];
            int lo = VALUES[pair >>> 8];
            PAIR_VALUES[pair] = (short) (hi < 0 || lo < 0 ? -1 : hi << 4 | lo);
        }
    }

    /** What a line decoded to. */
    sealed interface Decoded {
    }

    record Good(Message message) implements Decoded {
    }

    /** A line that is no message: the drop reason ({@code bad-hex}, {@code odd-length}, ...) and what is wrong. */
    record Bad(Reason reason, String problem) implements Decoded {
    }

    private HexLine() {
    }

    /** The line for a message, newline included (one array per call: {@link HexLineWriter} is the bulk way). */
    static byte[] encode(Message message) {
        byte[] header = new byte[GorWriter.maxHeaderLength(message)];
        int h = GorWriter.header(message, header);
        byte[] payload = message.payload();
        byte[] line = new byte[2 * (h + payload.length) + 1];
        int at = encode(header, 0, h, line, 0);
        at = encode(payload, 0, payload.length, line, at);
        line[at] = '\n';
        return line;
    }

    /** Writes the hex of src[from, to) into dst from {@code at} (room for twice as many); returns the end. */
    static int encode(byte[] src, int from, int to, byte[] dst, int at) {
        for (int i = from; i < to; i++, at += 2) {
            SHORTS.set(dst, at, DIGIT_PAIRS[src[i] & 0xff]);
        }
        return at;
    }

    /** {@link #decode(byte[], int, int, long, Scratch)} of line[0, length). */
    static Decoded decode(byte[] line, int length, long maxPayload, Scratch scratch) {
        return decode(line, 0, length, maxPayload, scratch);
    }

    /**
     * Decodes line[from, from + length) (no newline; a trailing CR is ignored) into a message whose
     * payload is at most {@code maxPayload} bytes. The header is decoded into {@code scratch}, the
     * payload into a new array of its exact size. Problems are reported in this order, whatever
     * order they are met in: bad hex, odd length, bad header, too large.
     */
    static Decoded decode(byte[] line, int from, int length, long maxPayload, Scratch scratch) {
        int end = from + length;
        if (end > from && line[end - 1] == '\r') {
            end--;
        }
        if ((end - from) % 2 != 0) {
            return badHexOr(line, from, end, new Bad(Reason.ODD_LENGTH, "odd number of hex digits (" + (end - from) + ")"));
        }
        byte[] header = scratch.bytes;
        int h = 0;
        int bad = 0;
        int j = from;
        boolean newline = false;
        while (j < end) {
            int hi = VALUES[line[j] & 0xff];
            int lo = VALUES[line[j + 1] & 0xff];
            j += 2;
            bad |= hi | lo;
            int b = hi << 4 | lo;
            if (bad < 0 || b == '\n') {
                newline = bad >= 0;
                break;
            }
            if (h == header.length) {
                header = scratch.grow();
            }
            header[h++] = (byte) b;
        }
        if (bad < 0) {
            return badHex(line, from, end);
        }
        if (!newline) {
            return new Bad(Reason.BAD_HEADER, "no header line");
        }
        int size = (end - j) / 2;
        if (size > maxPayload) {
            Decoded headerProblem = switch (GorRecord.parse(header, h, NO_PAYLOAD)) {
                case GorRecord.Valid v -> new Bad(Reason.TOO_LARGE, "payload of " + size + " bytes is over "
                        + maxPayload + " (--copy-buffer-size)");
                case GorRecord.Invalid i -> new Bad(Reason.BAD_HEADER, i.problem());
            };
            return badHexOr(line, from, end, headerProblem);
        }
        byte[] payload = size == 0 ? NO_PAYLOAD : new byte[size];
        if (decode(line, j, payload) < 0) {
            return badHex(line, from, end);
        }
        return switch (GorRecord.parse(header, h, payload)) {
            case GorRecord.Valid v -> new Good(v.message());
            case GorRecord.Invalid i -> new Bad(Reason.BAD_HEADER, i.problem());
        };
    }

    /** Decodes the hex at line[from...] into all of out; returns a negative number when a digit was bad. */
    private static int decode(byte[] line, int from, byte[] out) {
        int bad = 0;
        for (int i = 0, j = from; i < out.length; i++, j += 2) {
            int b = PAIR_VALUES[(char) (short) SHORTS.get(line, j)];
            bad |= b;
            out[i] = (byte) b;
        }
        return bad;
    }

    /** Bad hex in line[from, to) when there is some, else {@code otherwise}. */
    private static Decoded badHexOr(byte[] line, int from, int to, Decoded otherwise) {
        Bad bad = badHex(line, from, to);
        return bad != null ? bad : otherwise;
    }

    /** The first byte of line[from, to) that is no hex digit, by its column from 1; null when there is none. */
    private static Bad badHex(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (VALUES[line[i] & 0xff] < 0) {
                return new Bad(Reason.BAD_HEX, "not hex at column " + (i - from + 1));
            }
        }
        return null;
    }

    /** A reusable buffer for a decoded header line. */
    static final class Scratch {
        private byte[] bytes = new byte[256];

        private byte[] grow() {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
            return bytes;
        }
    }
}
