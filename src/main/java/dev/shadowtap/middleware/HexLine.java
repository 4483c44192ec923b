package dev.shadowtap.middleware;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.pipeline.Message;

/**
 * GoReplay's middleware framing: one line per message, the hex of {@code header\npayload} (a .gor
 * record without its separator), then a newline. Decoding never throws: a bad line is a
 * {@link Bad} with the reason it is counted under.
 */
final class HexLine {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['a' + i] = (byte) (10 + i);
            VALUES['A' + i] = (byte) (10 + i);
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

    /** The line for a message, newline included. */
    static byte[] encode(Message message) {
        byte[] record = GorRecord.bytes(message);
        byte[] line = new byte[record.length * 2 + 1];
        for (int i = 0, j = 0; i < record.length; i++) {
            int b = record[i] & 0xff;
            line[j++] = DIGITS[b >>> 4];
            line[j++] = DIGITS[b & 0xf];
        }
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * Decodes line[0, length) (no newline; a trailing CR is ignored) into a message whose payload is at
     * most {@code maxPayload} bytes. {@code scratch} receives the decoded bytes and may be replaced by a
     * bigger one: pass {@link Scratch}.
     */
    static Decoded decode(byte[] line, int length, long maxPayload, Scratch scratch) {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        for (int i = 0; i < length; i++) {
            if (VALUES[line[i] & 0xff] < 0) {
                return new Bad(Reason.BAD_HEX, "not hex at column " + (i + 1));
            }
        }
        if (length % 2 != 0) {
            return new Bad(Reason.ODD_LENGTH, "odd number of hex digits (" + length + ")");
        }
        int size = length / 2;
        byte[] out = scratch.ensure(size);
        for (int i = 0, j = 0; i < size; i++, j += 2) {
            out[i] = (byte) (VALUES[line[j] & 0xff] << 4 | VALUES[line[j + 1] & 0xff]);
        }
        return switch (GorRecord.parse(out, size)) {
            case GorRecord.Valid v when v.message().payload().length > maxPayload ->
                    new Bad(Reason.TOO_LARGE, "payload of " + v.message().payload().length + " bytes is over "
                            + maxPayload + " (--copy-buffer-size)");
            case GorRecord.Valid v -> new Good(v.message());
            case GorRecord.Invalid i -> new Bad(Reason.BAD_HEADER, i.problem());
        };
    }

    /** A reusable buffer for decoded bytes. */
    static final class Scratch {
        private byte[] bytes = new byte[8192];

        byte[] ensure(int size) {
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, bytes.length * 2)];
            }
            return bytes;
        }
    }
}
