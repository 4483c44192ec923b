package dev.shadowtap.capture.ffi;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static dev.shadowtap.capture.ffi.TpacketLayouts.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * One heap array, reused for every block of a ring: a ready block is copied into it in one piece,
 * and its descriptor and frame headers are read from the copy with plain array reads (a memory
 * segment's access checks per field cost more than the frame's decoding). Frames handed out are
 * views of this array, valid until the next block is copied.
 */
final class BlockCopy {
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    static final int NUM_PKTS = at(BLOCK_DESC, "num_pkts");
    static final int FIRST_PKT = at(BLOCK_DESC, "offset_to_first_pkt");
    static final int NEXT_OFFSET = at(TPACKET3_HDR, "tp_next_offset");
    static final int SEC = at(TPACKET3_HDR, "tp_sec");
    static final int NSEC = at(TPACKET3_HDR, "tp_nsec");
    static final int SNAPLEN = at(TPACKET3_HDR, "tp_snaplen");
    static final int LEN = at(TPACKET3_HDR, "tp_len");
    static final int STATUS = at(TPACKET3_HDR, "tp_status");
    static final int MAC = at(TPACKET3_HDR, "tp_mac");
    static final int VLAN_TCI = at(TPACKET3_HDR, "tp_vlan_tci");
    static final int VLAN_TPID = at(TPACKET3_HDR, "tp_vlan_tpid");
    static final int HATYPE = (int) SOCKADDR_LL_IN_FRAME + at(SOCKADDR_LL, "sll_hatype");
    static final int PKTTYPE = (int) SOCKADDR_LL_IN_FRAME + at(SOCKADDR_LL, "sll_pkttype");
    /** A frame's headers end here: its sockaddr_ll is the last thing read from them. */
    static final int HEADERS = (int) (SOCKADDR_LL_IN_FRAME + SOCKADDR_LL.byteSize());

    final byte[] bytes;
    int length;

    BlockCopy(int blockSize) {
        bytes = new byte[blockSize];
    }

    /** Copies {@code length} bytes of the block at {@code base} of the ring. */
    void load(MemorySegment ring, long base, int length) {
        MemorySegment.copy(ring, JAVA_BYTE, base, bytes, 0, length);
        this.length = length;
    }

    int i32(int at) {
        return (int) I32.get(bytes, at);
    }

    int u16(int at) {
        return Short.toUnsignedInt((short) I16.get(bytes, at));
    }

    int u8(int at) {
        return Byte.toUnsignedInt(bytes[at]);
    }

    private static int at(StructLayout layout, String field) {
        return (int) layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
