package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortFilterTest {
    @Test
    void matchesWhatLibpcapCompilesForTheSameExpression() {
        CaptureRights.assumeLibpcap();
        BpfCompiler compiler = new BpfCompiler(Libpcap.load());
        for (List<Integer> ports : List.of(List.of(80), List.of(8080, 80, 443))) {
            BpfProgram ours = PortFilter.tcpPorts(ports, 262144);
            BpfProgram theirs = compiler.compile(ours.expression(), LinkTypes.ETHERNET, 262144);
            // libpcap's optimizer lays the blocks out its own way: compare what each program does
            assertThat(BpfInterpreterSamples.verdicts(ours, ports)).isEqualTo(BpfInterpreterSamples.verdicts(theirs, ports));
        }
    }

    @Test
    void acceptsItsPortsInBothDirectionsAndRejectsOthers() {
        BpfProgram program = PortFilter.tcpPorts(List.of(8080, 9090), 1000);
        assertThat(program.expression()).isEqualTo("tcp port 8080 or tcp port 9090");
        assertThat(BpfInterpreterSamples.run(program, BpfInterpreterSamples.ipv4Tcp(40000, 8080))).isEqualTo(1000);
        assertThat(BpfInterpreterSamples.run(program, BpfInterpreterSamples.ipv4Tcp(9090, 40000))).isEqualTo(1000);
        assertThat(BpfInterpreterSamples.run(program, BpfInterpreterSamples.ipv6Tcp(40000, 9090))).isEqualTo(1000);
        assertThat(BpfInterpreterSamples.run(program, BpfInterpreterSamples.ipv4Tcp(40000, 8081))).isZero();
        assertThat(BpfInterpreterSamples.run(program, BpfInterpreterSamples.ipv4Udp(40000, 8080))).isZero();
        assertThat(BpfInterpreterSamples.run(program, BpfInterpreterSamples.ipv6Tcp(40000, 1))).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> PortFilter.tcpPorts(List.of(), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortFilter.tcpPorts(List.of(70000), 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
