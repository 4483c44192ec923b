package dev.shadowtap.capture.ffi;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** The libpcap structs of {@code <pcap/pcap.h>} and {@code <pcap/bpf.h>} on LP64 Linux. */
final class PcapLayouts {
    private PcapLayouts() {
    }

    /** struct bpf_program (16 bytes): bf_len 0 (u_int), bf_insns 8 (struct bpf_insn *). */
    static final StructLayout BPF_PROGRAM = MemoryLayout.structLayout(
            JAVA_INT.withName("bf_len"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("bf_insns"));
    static final VarHandle PROGRAM_LEN = BPF_PROGRAM.varHandle(groupElement("bf_len"));
    static final VarHandle PROGRAM_INSNS = BPF_PROGRAM.varHandle(groupElement("bf_insns"));

    /** struct pcap_pkthdr (24 bytes): ts.tv_sec 0, ts.tv_usec 8 (nanoseconds with NANO precision), caplen 16, len 20. */
    static final StructLayout PKTHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_usec"),
            JAVA_INT.withName("caplen"),
            JAVA_INT.withName("len"));
    static final VarHandle HDR_SEC = PKTHDR.varHandle(groupElement("tv_sec"));
    static final VarHandle HDR_FRACTION = PKTHDR.varHandle(groupElement("tv_usec"));
    static final VarHandle HDR_CAPLEN = PKTHDR.varHandle(groupElement("caplen"));
    static final VarHandle HDR_LEN = PKTHDR.varHandle(groupElement("len"));

    /** struct pcap_stat (12 bytes on Linux): ps_recv 0, ps_drop 4, ps_ifdrop 8. */
    static final StructLayout STAT = MemoryLayout.structLayout(
            JAVA_INT.withName("ps_recv"),
            JAVA_INT.withName("ps_drop"),
            JAVA_INT.withName("ps_ifdrop"));
    static final VarHandle STAT_RECV = STAT.varHandle(groupElement("ps_recv"));
    static final VarHandle STAT_DROP = STAT.varHandle(groupElement("ps_drop"));
    static final VarHandle STAT_IFDROP = STAT.varHandle(groupElement("ps_ifdrop"));
}
