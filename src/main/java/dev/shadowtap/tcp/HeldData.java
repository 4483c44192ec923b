package dev.shadowtap.tcp;

import java.util.Arrays;

/**
 * Out-of-order data of one direction, waiting for the gap before it: disjoint pieces sorted by
 * stream offset (overlaps are trimmed on the way in), each with the capture time of its segment, and
 * possibly a FIN beyond the gap. Parallel arrays, so holding a piece costs one copy of its bytes.
 */
final class HeldData {
    private long[] offsets = new long[4];
    private byte[][] pieces = new byte[4][];
    private long[] times = new long[4];
    private int count;
    private long bytes;
    private long finOffset = -1;
    private long finTimeNs;

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    long firstOffset() {
        return offsets[0];
    }

    byte[] firstPiece() {
        return pieces[0];
    }

    long firstTimeNs() {
        return times[0];
    }

    void removeFirst() {
        bytes -= pieces[0].length;
        count--;
        System.arraycopy(offsets, 1, offsets, 0, count);
        System.arraycopy(pieces, 1, pieces, 0, count);
        System.arraycopy(times, 1, times, 0, count);
        pieces[count] = null;
    }

    boolean hasFin() {
        return finOffset >= 0;
    }

    long finOffset() {
        return finOffset;
    }

    void fin(long offset, long timeNs) {
        if (finOffset < 0) {
            finOffset = offset;
            finTimeNs = timeNs;
        }
    }

    /** Nothing left to wait for. */
    boolean done() {
        return count == 0 && finOffset < 0;
    }

    /** Capture time of the oldest thing waiting: the gap has been missing at least since then. */
    long oldestTimeNs() {
        long oldest = finOffset >= 0 ? finTimeNs : Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            oldest = Math.min(oldest, times[i]);
        }
        return oldest;
    }

    /** Where the next gap ends: the first piece, or the FIN if nothing else waits. */
    long nextWaitingOffset() {
        return count > 0 ? offsets[0] : finOffset;
    }

    /**
     * Keeps the bytes of {@code [offset, offset+len)} that no piece holds yet.
     *
     * @return how many bytes were new (the rest duplicated held pieces)
     */
    int insert(long offset, byte[] b, int off, int len, long timeNs) {
        long cur = offset;
        long end = offset + len;
        int stored = 0;
        int i = firstEndingAfter(cur);
        while (cur < end && i < count) {
            long pieceStart = offsets[i];
            long pieceEnd = pieceStart + pieces[i].length;
            if (pieceStart >= end) {
                break;
            }
            if (pieceStart > cur) {
                stored += put(i, cur, b, off + (int) (cur - offset), (int) (pieceStart - cur), timeNs);
                i++;
            }
            cur = Math.max(cur, pieceEnd);
            i++;
        }
        if (cur < end) {
            stored += put(i, cur, b, off + (int) (cur - offset), (int) (end - cur), timeNs);
        }
        return stored;
    }

    private int firstEndingAfter(long offset) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] + pieces[mid].length <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int put(int index, long offset, byte[] b, int off, int len, long timeNs) {
        if (count == offsets.length) {
            int capacity = count * 2;
            offsets = Arrays.copyOf(offsets, capacity);
            pieces = Arrays.copyOf(pieces, capacity);
            times = Arrays.copyOf(times, capacity);
        }
        System.arraycopy(offsets, index, offsets, index + 1, count - index);
        System.arraycopy(pieces, index, pieces, index + 1, count - index);
        System.arraycopy(times, index, times, index + 1, count - index);
        offsets[index] = offset;
        pieces[index] = Arrays.copyOfRange(b, off, off + len);
        times[index] = timeNs;
        count++;
        bytes += len;
        return len;
    }
}
