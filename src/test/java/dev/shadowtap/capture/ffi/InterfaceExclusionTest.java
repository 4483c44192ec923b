package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.shadowtap.capture.ffi.BpfInterpreterSamples.ipv4Tcp;
import static dev.shadowtap.capture.ffi.BpfInterpreterSamples.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The BPF prefix of --input-raw-ignore-interface, by what it accepts (the live test runs it in the kernel). */
class InterfaceExclusionTest {
    private static final BpfProgram PORT_80 = PortFilter.tcpPorts(List.of(80), 65535);

    @Test
    void framesOfIgnoredInterfacesAreRejectedAndTheRestAreJudgedByTheProgramAfter() {
        BpfProgram program = InterfaceExclusion.excluding(PORT_80, Set.of(7, 3));
        for (int ifindex : new int[]{1, 2, 4, 8}) {
            assertThat(run(program, ipv4Tcp(40000, 80), ifindex)).as("ifindex %d", ifindex).isEqualTo(65535);
            assertThat(run(program, ipv4Tcp(40000, 81), ifindex)).isZero();
        }
        for (int ifindex : new int[]{3, 7}) {
            assertThat(run(program, ipv4Tcp(40000, 80), ifindex)).as("ifindex %d", ifindex).isZero();
        }
        assertThat(program.expression()).isEqualTo("(tcp port 80) and not ifindex 3 and not ifindex 7");
        assertThat(program.instructions()).hasSize(PORT_80.instructions().size() + 1 + 2 * 2);
        assertThat(program.instructions().subList(5, program.instructions().size())).isEqualTo(PORT_80.instructions());
    }

    @Test
    void nothingIgnoredLeavesTheProgramAsItIs() {
        assertThat(InterfaceExclusion.excluding(PORT_80, Set.of())).isSameAs(PORT_80);
    }
}
