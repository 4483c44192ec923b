package dev.shadowtap.capture.ffi;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The structs of {@code <linux/if_packet.h>} and friends that a TPACKET_V3 ring uses, as layouts
 * with var handles. Offsets and sizes were checked against the C headers with {@code offsetof} and
 * {@code sizeof} on Linux x86_64 (see the comments); {@code TpacketLayoutsTest} pins them.
 * Every var handle takes (segment, base offset) so one handle reads a struct anywhere in the ring.
 */
final class TpacketLayouts {
    private TpacketLayouts() {
    }

    /** struct tpacket_req3 (28 bytes): the ring geometry given to PACKET_RX_RING. */
    static final StructLayout TPACKET_REQ3 = MemoryLayout.structLayout(
            JAVA_INT.withName("tp_block_size"),        // 0
            JAVA_INT.withName("tp_block_nr"),          // 4
            JAVA_INT.withName("tp_frame_size"),        // 8
            JAVA_INT.withName("tp_frame_nr"),          // 12
            JAVA_INT.withName("tp_retire_blk_tov"),    // 16, milliseconds
            JAVA_INT.withName("tp_sizeof_priv"),       // 20
            JAVA_INT.withName("tp_feature_req_word")); // 24
    static final VarHandle REQ_BLOCK_SIZE = handle(TPACKET_REQ3, "tp_block_size");
    static final VarHandle REQ_BLOCK_NR = handle(TPACKET_REQ3, "tp_block_nr");
    static final VarHandle REQ_FRAME_SIZE = handle(TPACKET_REQ3, "tp_frame_size");
    static final VarHandle REQ_FRAME_NR = handle(TPACKET_REQ3, "tp_frame_nr");
    static final VarHandle REQ_RETIRE_BLK_TOV = handle(TPACKET_REQ3, "tp_retire_blk_tov");

    /**
     * struct tpacket_block_desc (48 bytes) with its struct tpacket_hdr_v1 flattened in: version 0,
     * offset_to_priv 4, then hdr.bh1 at 8: block_status 8, num_pkts 12, offset_to_first_pkt 16,
     * blk_len 20, seq_num 24 (aligned u64), ts_first_pkt 32, ts_last_pkt 40.
     */
    static final StructLayout BLOCK_DESC = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("offset_to_priv"),
            JAVA_INT.withName("block_status"),
            JAVA_INT.withName("num_pkts"),
            JAVA_INT.withName("offset_to_first_pkt"),
            JAVA_INT.withName("blk_len"),
            JAVA_LONG.withName("seq_num"),
            JAVA_INT.withName("ts_first_sec"),
            JAVA_INT.withName("ts_first_nsec"),
            JAVA_INT.withName("ts_last_sec"),
            JAVA_INT.withName("ts_last_nsec"));
    static final VarHandle BLOCK_STATUS = handle(BLOCK_DESC, "block_status");
    static final VarHandle BLOCK_NUM_PKTS = handle(BLOCK_DESC, "num_pkts");
    static final VarHandle BLOCK_FIRST_PKT = handle(BLOCK_DESC, "offset_to_first_pkt");
    static final VarHandle BLOCK_LEN = handle(BLOCK_DESC, "blk_len");

    /**
     * struct tpacket3_hdr (48 bytes): tp_next_offset 0, tp_sec 4, tp_nsec 8, tp_snaplen 12, tp_len 16,
     * tp_status 20, tp_mac 24, tp_net 26, hv1 (tp_rxhash 28, tp_vlan_tci 32, tp_vlan_tpid 36), padding.
     */
    static final StructLayout TPACKET3_HDR = MemoryLayout.structLayout(
            JAVA_INT.withName("tp_next_offset"),
            JAVA_INT.withName("tp_sec"),
            JAVA_INT.withName("tp_nsec"),
            JAVA_INT.withName("tp_snaplen"),
            JAVA_INT.withName("tp_len"),
            JAVA_INT.withName("tp_status"),
            JAVA_SHORT.withName("tp_mac"),
            JAVA_SHORT.withName("tp_net"),
            JAVA_INT.withName("tp_rxhash"),
            JAVA_INT.withName("tp_vlan_tci"),
            JAVA_SHORT.withName("tp_vlan_tpid"),
            MemoryLayout.paddingLayout(2),
            MemoryLayout.paddingLayout(8));
    static final VarHandle PKT_NEXT_OFFSET = handle(TPACKET3_HDR, "tp_next_offset");
    static final VarHandle PKT_SEC = handle(TPACKET3_HDR, "tp_sec");
    static final VarHandle PKT_NSEC = handle(TPACKET3_HDR, "tp_nsec");
    static final VarHandle PKT_SNAPLEN = handle(TPACKET3_HDR, "tp_snaplen");
    static final VarHandle PKT_LEN = handle(TPACKET3_HDR, "tp_len");
    static final VarHandle PKT_STATUS = handle(TPACKET3_HDR, "tp_status");
    static final VarHandle PKT_MAC = handle(TPACKET3_HDR, "tp_mac");
    static final VarHandle PKT_VLAN_TCI = handle(TPACKET3_HDR, "tp_vlan_tci");
    static final VarHandle PKT_VLAN_TPID = handle(TPACKET3_HDR, "tp_vlan_tpid");

    /** The kernel puts a struct sockaddr_ll right after the header, at TPACKET_ALIGN(sizeof(tpacket3_hdr)). */
    static final long SOCKADDR_LL_IN_FRAME = 48;

    /**
     * struct sockaddr_ll (20 bytes): sll_family 0, sll_protocol 2 (network order), sll_ifindex 4,
     * sll_hatype 8, sll_pkttype 10, sll_halen 11, sll_addr[8] 12.
     */
    static final StructLayout SOCKADDR_LL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sll_family"),
            JAVA_SHORT.withName("sll_protocol"),
            JAVA_INT.withName("sll_ifindex"),
            JAVA_SHORT.withName("sll_hatype"),
            JAVA_BYTE.withName("sll_pkttype"),
            JAVA_BYTE.withName("sll_halen"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sll_addr"));
    static final VarHandle SLL_FAMILY = handle(SOCKADDR_LL, "sll_family");
    static final VarHandle SLL_PROTOCOL = handle(SOCKADDR_LL, "sll_protocol");
    static final VarHandle SLL_IFINDEX = handle(SOCKADDR_LL, "sll_ifindex");
    static final VarHandle SLL_HATYPE = handle(SOCKADDR_LL, "sll_hatype");
    static final VarHandle SLL_PKTTYPE = handle(SOCKADDR_LL, "sll_pkttype");

    /** struct tpacket_stats_v3 (12 bytes): tp_packets 0, tp_drops 4, tp_freeze_q_cnt 8. */
    static final StructLayout TPACKET_STATS_V3 = MemoryLayout.structLayout(
            JAVA_INT.withName("tp_packets"),
            JAVA_INT.withName("tp_drops"),
            JAVA_INT.withName("tp_freeze_q_cnt"));
    static final VarHandle STATS_PACKETS = handle(TPACKET_STATS_V3, "tp_packets");
    static final VarHandle STATS_DROPS = handle(TPACKET_STATS_V3, "tp_drops");
    static final VarHandle STATS_FREEZE_Q_CNT = handle(TPACKET_STATS_V3, "tp_freeze_q_cnt");

    /** struct packet_mreq (16 bytes): mr_ifindex 0, mr_type 4, mr_alen 6, mr_address[8] 8. */
    static final StructLayout PACKET_MREQ = MemoryLayout.structLayout(
            JAVA_INT.withName("mr_ifindex"),
            JAVA_SHORT.withName("mr_type"),
            JAVA_SHORT.withName("mr_alen"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("mr_address"));
    static final VarHandle MREQ_IFINDEX = handle(PACKET_MREQ, "mr_ifindex");
    static final VarHandle MREQ_TYPE = handle(PACKET_MREQ, "mr_type");

    /** struct sock_fprog (16 bytes): len 0 (u16), filter 8 (pointer to sock_filter[len]). */
    static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
            JAVA_SHORT.withName("len"),
            MemoryLayout.paddingLayout(6),
            ADDRESS.withName("filter"));
    static final VarHandle FPROG_LEN = handle(SOCK_FPROG, "len");
    static final VarHandle FPROG_FILTER = handle(SOCK_FPROG, "filter");

    /** struct sock_filter, the same as libpcap's struct bpf_insn (8 bytes): code 0, jt 2, jf 3, k 4. */
    static final StructLayout SOCK_FILTER = MemoryLayout.structLayout(
            JAVA_SHORT.withName("code"),
            JAVA_BYTE.withName("jt"),
            JAVA_BYTE.withName("jf"),
            JAVA_INT.withName("k"));
    static final VarHandle FILTER_CODE = handle(SOCK_FILTER, "code");
    static final VarHandle FILTER_JT = handle(SOCK_FILTER, "jt");
    static final VarHandle FILTER_JF = handle(SOCK_FILTER, "jf");
    static final VarHandle FILTER_K = handle(SOCK_FILTER, "k");

    /** struct pollfd (8 bytes): fd 0, events 4, revents 6. */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));
    static final VarHandle POLL_FD = handle(POLLFD, "fd");
    static final VarHandle POLL_EVENTS = handle(POLLFD, "events");
    static final VarHandle POLL_REVENTS = handle(POLLFD, "revents");

    // Values of tpacket3_hdr.tp_status and tpacket_hdr_v1.block_status.
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_VLAN_VALID = 0x10;
    static final int TP_STATUS_VLAN_TPID_VALID = 0x40;

    // sockaddr_ll.sll_pkttype
    static final int PACKET_OUTGOING = 4;

    private static VarHandle handle(StructLayout layout, String field) {
        return layout.varHandle(groupElement(field));
    }
}
