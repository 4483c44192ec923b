package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libpcap's compiler on a dead handle, and its programs attached to a real AF_PACKET socket. */
class BpfCompilerTest {
    private BpfCompiler compiler;

    @BeforeEach
    void needsLibpcap() {
        CaptureRights.assumeLibpcap();
        compiler = new BpfCompiler(Libpcap.load());
    }

    @Test
    void compilesATcpdumpExpressionForEthernet() {
        BpfProgram program = compiler.compile("tcp port 80", LinkTypes.ETHERNET, 65535);
        List<BpfInstruction> insns = program.instructions();
        assertThat(program.expression()).isEqualTo("tcp port 80");
        assertThat(program.linkType()).isEqualTo(LinkTypes.ETHERNET);
        // as tcpdump -dd prints it: ldh [12] (the EtherType), then jumps on 0x86dd / 0x800
        assertThat(insns.getFirst()).isEqualTo(new BpfInstruction(0x28, 0, 0, 12));
        assertThat(insns).anySatisfy(i -> assertThat(i.k()).isEqualTo(0x800));
        assertThat(insns).anySatisfy(i -> assertThat(i.k()).isEqualTo(80));
        // the program ends with ret #snaplen (accept) and ret #0 (reject)
        assertThat(insns.getLast()).isEqualTo(new BpfInstruction(0x06, 0, 0, 0));
        assertThat(insns).contains(new BpfInstruction(0x06, 0, 0, 65535));
    }

    @Test
    void aBadExpressionIsOneLineNamingIt() {
        assertThatThrownBy(() -> compiler.compile("tcp prot 80", LinkTypes.ETHERNET, 65535))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("bad --input-raw-bpf-filter \"tcp prot 80\": ")
                .hasMessageContaining("syntax error")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> compiler.compile("port 99999", LinkTypes.ETHERNET, 65535))
                .hasMessageStartingWith("bad --input-raw-bpf-filter \"port 99999\": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anAttachedFilterKeepsOnlyItsPortOnARealSocket() throws Exception {
        CaptureRights.assumeCanCapture();
        try (LoopbackHttp kept = new LoopbackHttp(); LoopbackHttp other = new LoopbackHttp()) {
            BpfProgram program = compiler.compile("tcp port " + kept.port(), LinkTypes.ETHERNET, 262144);
            CapturedFrames frames = new CapturedFrames();
            try (Drainer drainer = new Drainer(AfPacketSocket.open(AfPacketConfig.of("lo").withFilter(program)), frames)) {
                other.post("filtered-out-body");
                kept.post("kept-body");
                other.post("filtered-out-again");
                assertThat(frames.awaitText("kept-body", 10_000)).isTrue();
                Thread.sleep(200);
            }
            assertThat(frames.sawText("kept-body")).isTrue();
            assertThat(frames.sawText("filtered-out")).isFalse();
            assertThat(frames.all()).isNotEmpty().allSatisfy(f -> assertThat(f.touchesPort(kept.port())).isTrue());
        }
    }
}
