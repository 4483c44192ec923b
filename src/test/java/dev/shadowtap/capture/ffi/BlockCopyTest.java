package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

/** The reused block copy reads the kernel's structs at the offsets gcc printed, in the host's byte order. */
class BlockCopyTest {
    @Test
    void offsetsAreTheKernelStructs() {
        assertThat(BlockCopy.NUM_PKTS).isEqualTo(12);
        assertThat(BlockCopy.FIRST_PKT).isEqualTo(16);
        assertThat(BlockCopy.SNAPLEN).isEqualTo(12);
        assertThat(BlockCopy.MAC).isEqualTo(24);
        assertThat(BlockCopy.VLAN_TPID).isEqualTo(36);
        assertThat(BlockCopy.HATYPE).isEqualTo(48 + 8);
        assertThat(BlockCopy.PKTTYPE).isEqualTo(48 + 10);
        assertThat(BlockCopy.HEADERS).isEqualTo(48 + 20);
    }

    @Test
    void readsWhatTheRingHeldAndIsReusedForTheNextBlock() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(8192);
            TpacketLayouts.BLOCK_NUM_PKTS.set(ring, 4096L, 3);
            TpacketLayouts.PKT_SNAPLEN.set(ring, 4096L + 64, 1514);
            TpacketLayouts.PKT_MAC.set(ring, 4096L + 64, (short) 0xFFFE);
            ring.set(JAVA_BYTE, 4096 + 64 + BlockCopy.PKTTYPE, (byte) 0xF4);
            BlockCopy copy = new BlockCopy(4096);
            copy.load(ring, 4096, 200);
            assertThat(copy.length).isEqualTo(200);
            assertThat(copy.i32(BlockCopy.NUM_PKTS)).isEqualTo(3);
            assertThat(copy.i32(64 + BlockCopy.SNAPLEN)).isEqualTo(1514);
            assertThat(copy.u16(64 + BlockCopy.MAC)).isEqualTo(0xFFFE);
            assertThat(copy.u8(64 + BlockCopy.PKTTYPE)).isEqualTo(0xF4);
            byte[] before = copy.bytes;
            copy.load(ring, 0, 100);
            assertThat(copy.bytes).isSameAs(before);
            assertThat(copy.i32(BlockCopy.NUM_PKTS)).isZero();
        }
    }
}
