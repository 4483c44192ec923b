package dev.shadowtap.capture.ffi;

/** One classic BPF instruction (struct bpf_insn / struct sock_filter): opcode, jumps, constant. */
public record BpfInstruction(int code, int jt, int jf, int k) {
    public BpfInstruction {
        if (code < 0 || code > 0xFFFF || jt < 0 || jt > 0xFF || jf < 0 || jf > 0xFF) {
            throw new IllegalArgumentException("not a BPF instruction: " + code + " " + jt + " " + jf + " " + k);
        }
    }

    /** As {@code tcpdump -dd} prints it. */
    @Override
    public String toString() {
        return String.format("{ 0x%x, %d, %d, 0x%08x }", code, jt, jf, k);
    }
}
