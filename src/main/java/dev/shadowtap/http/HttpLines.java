package dev.shadowtap.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one line-feed scan of the code base, and the line-end rule that goes with it: HTTP heads, chunk
 * size lines and .gor record header lines are all found with these. Allocation-free.
 */
public final class HttpLines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private HttpLines() {
    }

    /** Index of the first LF in {@code b[from, to)}, or -1; eight bytes at a time (SWAR zero-byte test). */
    public static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            // high bit set in each byte that was LF; borrows only mark bytes above the first such one
            long lf = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (lf != 0) {
                return i + (Long.numberOfTrailingZeros(lf) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** End of a line's content: drops one CR before the LF at {@code lf} (a bare LF ends a line too). */
    public static int contentEnd(byte[] b, int from, int lf) {
        return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /** The index after the first empty line (LF or CRLF) that follows the LF at {@code lf}, before {@code limit}; -1 when none. */
    static int emptyLineEnd(byte[] b, int lf, int limit) {
        for (int at = lf; at >= 0; at = indexOfLf(b, at + 1, limit)) {
            int next = at + 1;
            if (next < limit && b[next] == '\n') {
                return next + 1;
            }
            if (next + 1 < limit && b[next] == '\r' && b[next + 1] == '\n') {
                return next + 2;
            }
        }
        return -1;
    }
}
