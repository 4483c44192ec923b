package dev.shadowtap.capture.ffi;

/**
 * What one capture has counted so far. Kernel numbers come from PACKET_STATISTICS (AF_PACKET) or
 * pcap_stats (libpcap); the others are counted by the engine itself.
 *
 * @param kernelReceived  packets the kernel handed to the socket, drops included (tp_packets, ps_recv)
 * @param kernelDrops     packets the kernel dropped because the ring or buffer was full (tp_drops, ps_drop)
 * @param interfaceDrops  packets the interface or driver dropped (ps_ifdrop; 0 for AF_PACKET)
 * @param ringFreezes     times the TPACKET_V3 ring was full and froze (tp_freeze_q_cnt; 0 for libpcap)
 * @param frames          frames given to the handler
 * @param bytes           captured bytes given to the handler
 * @param truncated       frames shorter than on the wire (snap length or ring block too small)
 * @param loopbackEchoes  outgoing copies on a loopback device skipped: the incoming copy is the one delivered
 */
public record CaptureCounters(long kernelReceived, long kernelDrops, long interfaceDrops, long ringFreezes,
                              long frames, long bytes, long truncated, long loopbackEchoes) {
}
