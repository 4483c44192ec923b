package dev.shadowtap.capture.ffi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --input-raw-ignore-interface} for an AF_PACKET capture: a classic BPF prefix that rejects
 * frames of the given interfaces in the kernel, by the ancillary load of the frame's device index
 * ({@code SKF_AD_IFINDEX}), before the rest of the filter runs. The program after the prefix is
 * unchanged: its jumps are relative and it loads A before reading it.
 */
public final class InterfaceExclusion {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int RET_K = 0x06;
    /** SKF_AD_OFF + SKF_AD_IFINDEX from linux/filter.h. */
    static final int ANCILLARY_IFINDEX = -0x1000 + 8;

    private InterfaceExclusion() {
    }

    /** {@code program}, except for frames whose interface index is one of {@code ifindexes}. */
    public static BpfProgram excluding(BpfProgram program, Set<Integer> ifindexes) {
        if (ifindexes.isEmpty()) {
            return program;
        }
        List<BpfInstruction> code = new ArrayList<>();
        code.add(new BpfInstruction(LD_W_ABS, 0, 0, ANCILLARY_IFINDEX));
        Set<Integer> sorted = new TreeSet<>(ifindexes);
        for (int index : sorted) {
            code.add(new BpfInstruction(JEQ_K, 0, 1, index));
            code.add(new BpfInstruction(RET_K, 0, 0, 0));
        }
        code.addAll(program.instructions());
        StringBuilder expression = new StringBuilder("(").append(program.expression()).append(")");
        sorted.forEach(i -> expression.append(" and not ifindex ").append(i));
        return new BpfProgram(expression.toString(), program.linkType(), code);
    }
}
