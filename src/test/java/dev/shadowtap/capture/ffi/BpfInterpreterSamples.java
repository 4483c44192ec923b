package dev.shadowtap.capture.ffi;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny classic-BPF interpreter (the opcodes a tcpdump port filter uses) and sample frames, so
 * filter programs can be compared by what they accept rather than by their layout.
 */
final class BpfInterpreterSamples {
    private BpfInterpreterSamples() {
    }

    static int run(BpfProgram program, byte[] p) {
        return run(program, p, 0);
    }

    /** As {@link #run(BpfProgram, byte[])} for a frame of interface {@code ifindex} (the SKF_AD_IFINDEX ancillary load). */
    static int run(BpfProgram program, byte[] p, int ifindex) {
        List<BpfInstruction> code = program.instructions();
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            BpfInstruction i = code.get(pc++);
            switch (i.code()) {
                case 0x20 -> {
                    if (i.k() != InterfaceExclusion.ANCILLARY_IFINDEX) {
                        throw new IllegalArgumentException("word load not in this interpreter: " + i);
                    }
                    a = ifindex;
                }
                case 0x28 -> a = half(p, i.k());
                case 0x30 -> a = p[i.k()] & 0xFF;
                case 0x48 -> a = half(p, x + i.k());
                case 0x50 -> a = p[x + i.k()] & 0xFF;
                case 0xb1 -> x = (p[i.k()] & 0x0F) * 4;
                case 0x15 -> pc += a == i.k() ? i.jt() : i.jf();
                case 0x45 -> pc += (a & i.k()) != 0 ? i.jt() : i.jf();
                case 0x05 -> pc += i.k();
                case 0x06 -> {
                    return i.k();
                }
                default -> throw new IllegalArgumentException("opcode not in this interpreter: " + i);
            }
        }
    }

    private static int half(byte[] p, int at) {
        return ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
    }

    /** Accept (non-zero) or not, for frames to and from each port, a port beside it, UDP and IPv6. */
    static List<Boolean> verdicts(BpfProgram program, List<Integer> ports) {
        List<Boolean> out = new ArrayList<>();
        for (int port : ports) {
            for (byte[] frame : List.of(ipv4Tcp(50000, port), ipv4Tcp(port, 50000), ipv4Tcp(50000, port + 1),
                    ipv4Udp(50000, port), ipv6Tcp(50000, port), ipv6Tcp(port, 50000), ipv6Tcp(50000, port + 1))) {
                out.add(run(program, frame) != 0);
            }
        }
        return out;
    }

    static byte[] ipv4Tcp(int source, int destination) {
        return ipv4(6, source, destination);
    }

    static byte[] ipv4Udp(int source, int destination) {
        return ipv4(17, source, destination);
    }

    private static byte[] ipv4(int protocol, int source, int destination) {
        byte[] f = new byte[14 + 20 + 20];
        f[12] = 0x08;
        f[14] = 0x45;
        f[23] = (byte) protocol;
        ports(f, 34, source, destination);
        return f;
    }

    static byte[] ipv6Tcp(int source, int destination) {
        byte[] f = new byte[14 + 40 + 20];
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        f[14] = 0x60;
        f[20] = 6;
        ports(f, 54, source, destination);
        return f;
    }

    private static void ports(byte[] f, int at, int source, int destination) {
        f[at] = (byte) (source >>> 8);
        f[at + 1] = (byte) source;
        f[at + 2] = (byte) (destination >>> 8);
        f[at + 3] = (byte) destination;
    }
}
