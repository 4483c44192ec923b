package dev.shadowtap.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.shadowtap.capture.ffi.PcapLayouts.BPF_PROGRAM;
import static dev.shadowtap.capture.ffi.PcapLayouts.PROGRAM_INSNS;
import static dev.shadowtap.capture.ffi.PcapLayouts.PROGRAM_LEN;
import static dev.shadowtap.capture.ffi.TpacketLayouts.FILTER_CODE;
import static dev.shadowtap.capture.ffi.TpacketLayouts.FILTER_JF;
import static dev.shadowtap.capture.ffi.TpacketLayouts.FILTER_JT;
import static dev.shadowtap.capture.ffi.TpacketLayouts.FILTER_K;
import static dev.shadowtap.capture.ffi.TpacketLayouts.SOCK_FILTER;

/**
 * Compiles tcpdump expressions to classic BPF with libpcap's own compiler on a dead handle
 * ({@code pcap_open_dead}), so the AF_PACKET engine can attach them with SO_ATTACH_FILTER.
 */
public final class BpfCompiler {
    private final Libpcap pcap;

    public BpfCompiler(Libpcap pcap) {
        this.pcap = pcap;
    }

    /**
     * @param expression a tcpdump filter ("tcp port 80")
     * @param linkType   pcap LINKTYPE of the frames it will see ({@link LinkTypes#ETHERNET} for AF_PACKET)
     * @param snaplen    largest frame it will see
     * @throws NativeCaptureException one line naming the expression and libpcap's complaint
     */
    public BpfProgram compile(String expression, int linkType, int snaplen) {
        MemorySegment dead = pcap.openDead(linkType, snaplen);
        if (dead.address() == 0) {
            throw new NativeCaptureException("libpcap cannot compile filters for link type " + linkType);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment program = arena.allocate(BPF_PROGRAM);
            if (pcap.compile(dead, program, arena.allocateFrom(expression), true, Libpcap.NETMASK_UNKNOWN) != 0) {
                throw new NativeCaptureException("bad --input-raw-bpf-filter \"" + expression + "\": " + pcap.geterr(dead));
            }
            try {
                return new BpfProgram(expression, linkType, read(program));
            } finally {
                pcap.freecode(program);
            }
        } finally {
            pcap.close(dead);
        }
    }

    private static List<BpfInstruction> read(MemorySegment program) {
        int count = (int) PROGRAM_LEN.get(program, 0L);
        MemorySegment insns = ((MemorySegment) PROGRAM_INSNS.get(program, 0L)).reinterpret(count * SOCK_FILTER.byteSize());
        List<BpfInstruction> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long at = i * SOCK_FILTER.byteSize();
            out.add(new BpfInstruction(
                    Short.toUnsignedInt((short) FILTER_CODE.get(insns, at)),
                    Byte.toUnsignedInt((byte) FILTER_JT.get(insns, at)),
                    Byte.toUnsignedInt((byte) FILTER_JF.get(insns, at)),
                    (int) FILTER_K.get(insns, at)));
        }
        return out;
    }
}
