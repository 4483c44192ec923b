package dev.shadowtap.capture.ffi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds, without libpcap, the classic BPF program that {@code tcp port P1 or tcp port P2 ...}
 * compiles to for Ethernet frames (IPv4 without fragments past the first, and IPv6 with TCP as the
 * next header, as tcpdump does). It is the default filter of the AF_PACKET engine, so the kernel
 * drops unrelated traffic before it reaches the ring.
 */
public final class PortFilter {
    private static final int LDH_ABS = 0x28;
    private static final int LDB_ABS = 0x30;
    private static final int LDH_IND = 0x48;
    private static final int LDXB_MSH = 0xb1;
    private static final int JEQ = 0x15;
    private static final int JSET = 0x45;
    private static final int RET = 0x06;

    private PortFilter() {
    }

    /** Accepts Ethernet frames of TCP segments from or to any of {@code ports}, keeping {@code snaplen} bytes. */
    public static BpfProgram tcpPorts(List<Integer> ports, int snaplen) {
        if (ports.isEmpty() || ports.size() > 60) {
            throw new IllegalArgumentException("between 1 and 60 ports, not " + ports.size());
        }
        for (int port : ports) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("not a port: " + port);
            }
        }
        Assembler a = new Assembler();
        a.op(LDH_ABS, 12);                 // EtherType
        a.jump(JEQ, 0x86dd, "ipv6", null);
        a.jump(JEQ, 0x0800, null, "reject");
        a.op(LDB_ABS, 23);                 // IPv4 protocol
        a.jump(JEQ, 6, null, "reject");
        a.op(LDH_ABS, 20);                 // flags and fragment offset
        a.jump(JSET, 0x1fff, "reject", null);
        a.op(LDXB_MSH, 14);                // x = IPv4 header length
        a.op(LDH_IND, 14);                 // TCP source port
        ports.forEach(p -> a.jump(JEQ, p, "accept", null));
        a.op(LDH_IND, 16);                 // TCP destination port
        ports.forEach(p -> a.jump(JEQ, p, "accept", null));
        a.op(RET, 0);
        a.label("ipv6");
        a.op(LDB_ABS, 20);                 // IPv6 next header
        a.jump(JEQ, 6, null, "reject");
        a.op(LDH_ABS, 54);
        ports.forEach(p -> a.jump(JEQ, p, "accept", null));
        a.op(LDH_ABS, 56);
        ports.forEach(p -> a.jump(JEQ, p, "accept", null));
        a.label("reject");
        a.op(RET, 0);
        a.label("accept");
        a.op(RET, snaplen);
        String expression = ports.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
        return new BpfProgram(expression, LinkTypes.ETHERNET, a.assemble());
    }

    /** Forward jumps by label; a null label means the next instruction. */
    private static final class Assembler {
        private record Pending(int code, String jt, String jf, int k) {
        }

        private final List<Pending> code = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void op(int opcode, int k) {
            code.add(new Pending(opcode, null, null, k));
        }

        void jump(int opcode, int k, String ifTrue, String ifFalse) {
            code.add(new Pending(opcode, ifTrue, ifFalse, k));
        }

        void label(String name) {
            labels.put(name, code.size());
        }

        List<BpfInstruction> assemble() {
            List<BpfInstruction> out = new ArrayList<>(code.size());
            for (int i = 0; i < code.size(); i++) {
                Pending p = code.get(i);
                out.add(new BpfInstruction(p.code(), offset(i, p.jt()), offset(i, p.jf()), p.k()));
            }
            return out;
        }

        private int offset(int at, String label) {
            return label == null ? 0 : labels.get(label) - at - 1;
        }
    }
}
