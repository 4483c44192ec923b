package dev.shadowtap.http2;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One direction of a captured connection: its frame reader, the HPACK decoder of its sender's
 * encoder, the header block being joined from HEADERS (or PUSH_PROMISE) and CONTINUATION frames, and
 * its SETTINGS_HEADER_TABLE_SIZE values not yet acknowledged by the other end (in order: ACKs are).
 */
final class H2Side {
    /** A SETTINGS frame that did not carry SETTINGS_HEADER_TABLE_SIZE. */
    static final long NO_TABLE_SIZE = -1;

    final boolean client;
    final HpackDecoder decoder = new HpackDecoder();
    final ArrayDeque<Long> pendingSettings = new ArrayDeque<>(2);
    FrameReader reader;
    long resyncsSeen;

    /** The stream of the header block being joined, or -1. */
    int blockStream = -1;
    int blockType;
    int blockFlags;
    long blockStartNs;
    private byte[] block = new byte[1024];
    private int blockFill;

    H2Side(boolean client) {
        this.client = client;
    }

    void beginBlock(int type, int stream, int flags, long startNs) {
        blockType = type;
        blockStream = stream;
        blockFlags = flags;
        blockStartNs = startNs;
        blockFill = 0;
    }

    void append(byte[] b, int from, int to) {
        int n = to - from;
        if (blockFill + n > block.length) {
            block = Arrays.copyOf(block, Math.max(blockFill + n, block.length * 2));
        }
        System.arraycopy(b, from, block, blockFill, n);
        blockFill += n;
    }

    byte[] block() {
        return block;
    }

    int blockLength() {
        return blockFill;
    }

    /** The block being joined is lost (interrupted, cut by a gap): its inserts are unknown. */
    void abandonBlock() {
        if (blockStream >= 0) {
            blockStream = -1;
            decoder.forget();
        }
    }

    /** The SETTINGS_HEADER_TABLE_SIZE a SETTINGS payload carries (the last one), or {@link #NO_TABLE_SIZE}. */
    static long tableSize(byte[] b, int from, int to) {
        long size = NO_TABLE_SIZE;
        for (int p = from; p + 6 <= to; p += 6) {
            if (((b[p] & 0xff) << 8 | (b[p + 1] & 0xff)) == Frames.SETTINGS_HEADER_TABLE_SIZE) {
                size = Frames.uint32(b, p + 2);
            }
        }
        return size;
    }
}
