package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RingGeometryTest {
    @Test
    void defaultRingIsThirtyTwoBlocksOfOneMebibyte() {
        RingGeometry g = RingGeometry.of(32L << 20, 1 << 20);
        assertThat(g.blockSize()).isEqualTo(1 << 20);
        assertThat(g.blockCount()).isEqualTo(32);
        assertThat(g.frameCount()).isEqualTo((1 << 20) / RingGeometry.FRAME * 32);
        assertThat(g.totalBytes()).isEqualTo(32L << 20);
    }

    @Test
    void blockSizeRoundsUpToAPowerOfTwoOfPages() {
        assertThat(RingGeometry.of(64L << 20, 300_000).blockSize()).isEqualTo(1 << 19);
        assertThat(RingGeometry.of(64L << 20, 100).blockSize()).isEqualTo(RingGeometry.PAGE);
    }

    @Test
    void aRingSmallerThanABlockShrinksTheBlock() {
        RingGeometry g = RingGeometry.of(10_000, 1 << 20);
        assertThat(g.blockSize()).isEqualTo(8192);
        assertThat(g.blockCount()).isEqualTo(1);
        RingGeometry tiny = RingGeometry.of(1, 1 << 20);
        assertThat(tiny.blockSize()).isEqualTo(RingGeometry.PAGE);
        assertThat(tiny.blockCount()).isEqualTo(1);
    }

    @Test
    void aRingThatIsNotAMultipleOfTheBlockRoundsDown() {
        RingGeometry g = RingGeometry.of((5L << 20) + 12345, 1 << 20);
        assertThat(g.blockCount()).isEqualTo(5);
    }
}
