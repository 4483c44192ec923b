package dev.shadowtap.capture.ffi;

/**
 * The shape of a TPACKET_V3 ring as the kernel accepts it: blocks of a power-of-two number of
 * pages, frames that divide a block, and frame_nr = frames per block * block_nr.
 */
record RingGeometry(int blockSize, int blockCount, int frameSize) {
    static final int PAGE = 4096;
    static final int FRAME = 2048;
    private static final int MAX_BLOCK = 1 << 30;

    RingGeometry {
        if (Integer.bitCount(blockSize) != 1 || blockSize < PAGE || blockCount < 1 || blockSize % frameSize != 0) {
            throw new IllegalArgumentException("bad ring geometry " + blockSize + " x " + blockCount);
        }
    }

    /** Fits {@code ringBytes} (at least one page) with blocks of about {@code blockBytes}. */
    static RingGeometry of(long ringBytes, int blockBytes) {
        long block = Math.max(PAGE, Math.min(MAX_BLOCK, Integer.highestOneBit(Math.max(1, blockBytes))));
        if (block < blockBytes && block < MAX_BLOCK) {
            block <<= 1;
        }
        while (block > PAGE && block > ringBytes) {
            block >>= 1;
        }
        long count = Math.max(1, ringBytes / block);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ring too large: " + ringBytes + " bytes");
        }
        return new RingGeometry((int) block, (int) count, FRAME);
    }

    long totalBytes() {
        return (long) blockSize * blockCount;
    }

    int frameCount() {
        return blockSize / frameSize * blockCount;
    }
}
