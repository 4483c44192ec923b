package dev.shadowtap.capture.ffi;

import java.util.List;

/**
 * A tcpdump expression compiled to classic BPF for one link type, ready for SO_ATTACH_FILTER.
 *
 * @param expression   the text it came from
 * @param linkType     pcap LINKTYPE it was compiled for (offsets depend on the link header)
 * @param instructions the program; never empty
 */
public record BpfProgram(String expression, int linkType, List<BpfInstruction> instructions) {
    public BpfProgram {
        instructions = List.copyOf(instructions);
        if (instructions.isEmpty()) {
            throw new IllegalArgumentException("an empty BPF program");
        }
    }
}
