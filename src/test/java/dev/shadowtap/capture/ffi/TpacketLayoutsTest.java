package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the struct layouts to the offsets and sizes gcc printed from the Linux and libpcap headers
 * on x86_64 ({@code offsetof}/{@code sizeof} of tpacket_req3, tpacket_block_desc, tpacket3_hdr,
 * sockaddr_ll, tpacket_stats_v3, packet_mreq, sock_fprog, sock_filter, pollfd, bpf_program, pcap_pkthdr).
 */
class TpacketLayoutsTest {
    private static long at(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }

    @Test
    void tpacketReq3() {
        assertThat(TpacketLayouts.TPACKET_REQ3.byteSize()).isEqualTo(28);
        assertThat(at(TpacketLayouts.TPACKET_REQ3, "tp_block_nr")).isEqualTo(4);
        assertThat(at(TpacketLayouts.TPACKET_REQ3, "tp_frame_nr")).isEqualTo(12);
        assertThat(at(TpacketLayouts.TPACKET_REQ3, "tp_retire_blk_tov")).isEqualTo(16);
        assertThat(at(TpacketLayouts.TPACKET_REQ3, "tp_feature_req_word")).isEqualTo(24);
    }

    @Test
    void blockDescriptorWithItsV1Header() {
        StructLayout b = TpacketLayouts.BLOCK_DESC;
        assertThat(b.byteSize()).isEqualTo(48);
        assertThat(at(b, "block_status")).isEqualTo(8);
        assertThat(at(b, "num_pkts")).isEqualTo(12);
        assertThat(at(b, "offset_to_first_pkt")).isEqualTo(16);
        assertThat(at(b, "blk_len")).isEqualTo(20);
        assertThat(at(b, "seq_num")).isEqualTo(24);
        assertThat(at(b, "ts_first_sec")).isEqualTo(32);
        assertThat(at(b, "ts_last_sec")).isEqualTo(40);
    }

    @Test
    void tpacket3Header() {
        StructLayout h = TpacketLayouts.TPACKET3_HDR;
        assertThat(h.byteSize()).isEqualTo(48);
        assertThat(at(h, "tp_next_offset")).isEqualTo(0);
        assertThat(at(h, "tp_sec")).isEqualTo(4);
        assertThat(at(h, "tp_nsec")).isEqualTo(8);
        assertThat(at(h, "tp_snaplen")).isEqualTo(12);
        assertThat(at(h, "tp_len")).isEqualTo(16);
        assertThat(at(h, "tp_status")).isEqualTo(20);
        assertThat(at(h, "tp_mac")).isEqualTo(24);
        assertThat(at(h, "tp_net")).isEqualTo(26);
        assertThat(at(h, "tp_rxhash")).isEqualTo(28);
        assertThat(at(h, "tp_vlan_tci")).isEqualTo(32);
        assertThat(at(h, "tp_vlan_tpid")).isEqualTo(36);
        // TPACKET_ALIGN(sizeof(struct tpacket3_hdr)): where the kernel writes the sockaddr_ll
        assertThat(TpacketLayouts.SOCKADDR_LL_IN_FRAME).isEqualTo((h.byteSize() + 15) & ~15L);
    }

    @Test
    void socketStructs() {
        assertThat(TpacketLayouts.SOCKADDR_LL.byteSize()).isEqualTo(20);
        assertThat(at(TpacketLayouts.SOCKADDR_LL, "sll_ifindex")).isEqualTo(4);
        assertThat(at(TpacketLayouts.SOCKADDR_LL, "sll_hatype")).isEqualTo(8);
        assertThat(at(TpacketLayouts.SOCKADDR_LL, "sll_pkttype")).isEqualTo(10);
        assertThat(at(TpacketLayouts.SOCKADDR_LL, "sll_addr")).isEqualTo(12);
        assertThat(TpacketLayouts.TPACKET_STATS_V3.byteSize()).isEqualTo(12);
        assertThat(at(TpacketLayouts.TPACKET_STATS_V3, "tp_freeze_q_cnt")).isEqualTo(8);
        assertThat(TpacketLayouts.PACKET_MREQ.byteSize()).isEqualTo(16);
        assertThat(at(TpacketLayouts.PACKET_MREQ, "mr_type")).isEqualTo(4);
        assertThat(at(TpacketLayouts.PACKET_MREQ, "mr_address")).isEqualTo(8);
        assertThat(TpacketLayouts.SOCK_FPROG.byteSize()).isEqualTo(16);
        assertThat(at(TpacketLayouts.SOCK_FPROG, "filter")).isEqualTo(8);
        assertThat(TpacketLayouts.SOCK_FILTER.byteSize()).isEqualTo(8);
        assertThat(at(TpacketLayouts.SOCK_FILTER, "k")).isEqualTo(4);
        assertThat(TpacketLayouts.POLLFD.byteSize()).isEqualTo(8);
        assertThat(at(TpacketLayouts.POLLFD, "revents")).isEqualTo(6);
    }

    @Test
    void libpcapStructs() {
        assertThat(PcapLayouts.BPF_PROGRAM.byteSize()).isEqualTo(16);
        assertThat(at(PcapLayouts.BPF_PROGRAM, "bf_insns")).isEqualTo(8);
        assertThat(PcapLayouts.PKTHDR.byteSize()).isEqualTo(24);
        assertThat(at(PcapLayouts.PKTHDR, "caplen")).isEqualTo(16);
        assertThat(at(PcapLayouts.PKTHDR, "len")).isEqualTo(20);
        assertThat(PcapLayouts.STAT.byteSize()).isEqualTo(12);
    }

    @Test
    void networkOrderOfEthPAll() {
        assertThat(Short.toUnsignedInt(Libc.htons(Libc.ETH_P_ALL))).isEqualTo(0x0300);
    }
}
