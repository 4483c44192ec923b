package dev.shadowtap.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.shadowtap.tcp.Segment.ACK;
import static dev.shadowtap.tcp.Segment.FIN;
import static dev.shadowtap.tcp.Segment.PSH;
import static dev.shadowtap.tcp.Segment.RST;
import static dev.shadowtap.tcp.Segment.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection per case: hand-written segments in, the exact delivered streams (gaps shown as
 * {@code <gap N>}) and the exact event sequence out, plus the loss counters each case is about.
 * Sequence numbers are relative to each side's ISN; client data starts at 1 after a SYN.
 */
class ReassemblyCasesTest {
    private static final int ISN = 1_000_000;
    private static final int WRAP_ISN = 0xfffffff8; // data crosses 2^32 after 7 bytes

    record Case(String name, int isn, Consumer<Wire> script, String client, String server, List<String> events,
                Consumer<TcpStats.Snapshot> counters) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("in order, both directions, FIN both ways", ISN,
                        w -> w.handshake().client(1, "GET / ", ACK | PSH).client(7, "HTTP/1.1").server(1, "HTTP/1.1 200")
                                .client(15, "", FIN | ACK).server(13, "", FIN | ACK),
                        "GET / HTTP/1.1", "HTTP/1.1 200",
                        List.of("open", "C GET / ", "C HTTP/1.1", "S HTTP/1.1 200", "C end", "S end", "close FIN"),
                        s -> assertThat(s.closed().get(CloseReason.FIN)).isEqualTo(1)),
                new Case("out of order: held until the gap fills", ISN,
                        w -> w.handshake().client(1, "abc").client(7, "ghi").client(4, "def"),
                        "abcdefghi", "", List.of("open", "C abc", "C def", "C ghi"),
                        s -> assertThat(s.outOfOrderBytes()).isEqualTo(3)),
                new Case("reverse order", ISN,
                        w -> w.handshake().client(7, "ghi").client(4, "def").client(1, "abc"),
                        "abcdefghi", "", List.of("open", "C abc", "C def", "C ghi"),
                        s -> assertThat(s.outOfOrderSegments()).isEqualTo(2)),
                new Case("retransmitted segment delivered once", ISN,
                        w -> w.handshake().client(1, "abc").client(1, "abc").client(4, "def").client(1, "abc"),
                        "abcdef", "", List.of("open", "C abc", "C def"),
                        s -> assertThat(s.retransmittedBytes()).isEqualTo(6)),
                new Case("partial overlap with delivered bytes trimmed", ISN,
                        w -> w.handshake().client(1, "abcd").client(3, "cdef"),
                        "abcdef", "", List.of("open", "C abcd", "C ef"),
                        s -> assertThat(s.retransmittedBytes()).isEqualTo(2)),
                new Case("overlap with held bytes merged", ISN,
                        w -> w.handshake().client(1, "ab").client(5, "efgh").client(4, "defg").client(3, "c"),
                        "abcdefgh", "", List.of("open", "C ab", "C c", "C d", "C efgh"),
                        s -> assertThat(s.overlappingBytes()).isEqualTo(3)),
                new Case("in-order segment spanning several held pieces", ISN,
                        w -> w.handshake().client(1, "a").client(3, "c").client(5, "e").client(7, "g").client(2, "bcdefgh"),
                        "abcdefgh", "", List.of("open", "C a", "C bcdefgh"),
                        s -> assertThat(s.overlappingBytes()).isEqualTo(3)),
                new Case("held segment spanning several held pieces", ISN,
                        w -> w.handshake().client(1, "a").client(4, "d").client(6, "f").client(3, "cdefg").client(2, "b"),
                        "abcdefg", "", List.of("open", "C a", "C b", "C c", "C d", "C e", "C f", "C g"),
                        s -> assertThat(s.overlappingBytes()).isEqualTo(2)),
                new Case("missing segment: gap reported after expire, then delivery resumes", ISN,
                        w -> w.handshake().client(1, "abc").client(7, "ghi").tick(1999).client(10, "jk").tick(2)
                                .client(4, "def").client(12, "l"),
                        "abc<gap 3>ghijkl", "", List.of("open", "C abc", "C gap 3", "C ghi", "C jk", "C l"),
                        s -> {
                            assertThat(s.gaps().get(GapReason.EXPIRED)).isEqualTo(1);
                            assertThat(s.gapBytes().get(GapReason.EXPIRED)).isEqualTo(3);
                            assertThat(s.retransmittedBytes()).isEqualTo(3);
                        }),
                new Case("two gaps expire separately, each after its own wait", ISN,
                        w -> w.handshake().client(1, "a").client(3, "c").tick(1500).client(5, "e").tick(600).tick(1500),
                        "a<gap 1>c<gap 1>e", "", List.of("open", "C a", "C gap 1", "C c", "C gap 1", "C e"),
                        s -> assertThat(s.gapBytes().get(GapReason.EXPIRED)).isEqualTo(2)),
                new Case("sequence numbers wrap across 2^32", WRAP_ISN,
                        w -> w.handshake().client(6, "fghij").client(11, "klmno").client(1, "abcde"),
                        "abcdefghijklmno", "", List.of("open", "C abcde", "C fghij", "C klmno"), s -> { }),
                new Case("gap across the wrap", WRAP_ISN,
                        w -> w.handshake().client(1, "abcde").client(11, "klmno").tick(2000),
                        "abcde<gap 5>klmno", "", List.of("open", "C abcde", "C gap 5", "C klmno"), s -> { }),
                new Case("data on the SYN starts the stream", ISN,
                        w -> w.client(0, "tfo", SYN).synAck().client(4, "more"),
                        "tfomore", "", List.of("open", "C tfo", "C more"), s -> { }),
                new Case("retransmitted SYN changes nothing", ISN,
                        w -> w.syn().syn().synAck().synAck().client(1, "x"),
                        "x", "", List.of("open", "C x"), s -> assertThat(s.connectionsOpened()).isEqualTo(1)),
                new Case("FIN out of order waits for the data before it", ISN,
                        w -> w.handshake().client(1, "abc").client(7, "ghi", FIN | ACK).client(4, "def"),
                        "abcdefghi", "", List.of("open", "C abc", "C def", "C ghi", "C end"), s -> { }),
                new Case("FIN behind a gap ends the direction after expire", ISN,
                        w -> w.handshake().client(1, "abc").client(7, "", FIN | ACK).tick(2000),
                        "abc<gap 3>", "", List.of("open", "C abc", "C gap 3", "C end"), s -> { }),
                new Case("data after FIN is not part of the stream", ISN,
                        w -> w.handshake().client(1, "abc", FIN | ACK).client(5, "zz"),
                        "abc", "", List.of("open", "C abc", "C end"), s -> assertThat(s.afterCloseBytes()).isEqualTo(2)),
                new Case("RST delivers in-order data, drops held data", ISN,
                        w -> w.handshake().client(1, "abc").client(7, "ghi").server(1, "HTTP").client(4, "d", RST | ACK),
                        "abcd", "HTTP", List.of("open", "C abc", "S HTTP", "C d", "close RST"),
                        s -> {
                            assertThat(s.rstDroppedBytes()).isEqualTo(3);
                            assertThat(s.closed().get(CloseReason.RST)).isEqualTo(1);
                        }),
                new Case("segments after close are counted, not a new connection", ISN,
                        w -> w.handshake().client(1, "ab", FIN | ACK).server(1, "", FIN | ACK).client(1, "ab").server(2, "", ACK),
                        "ab", "", List.of("open", "C ab", "C end", "S end", "close FIN"),
                        s -> {
                            assertThat(s.connectionsOpened()).isEqualTo(1);
                            assertThat(s.afterCloseBytes()).isEqualTo(2);
                        }),
                new Case("midstream: starts at the first segment, client told by the server port", ISN,
                        w -> w.server(100, "HTTP/1.1 200").client(50, "GET").server(112, "OK"),
                        "GET", "HTTP/1.1 200OK", List.of("open midstream", "S HTTP/1.1 200", "C GET", "S OK"),
                        s -> assertThat(s.midstreamOpened()).isEqualTo(1)),
                new Case("SYN missed but SYN-ACK seen: the client stream starts exactly", ISN,
                        w -> w.synAck().client(4, "def").client(1, "abc"),
                        "abcdef", "", List.of("open", "C abc", "C def"), s -> { }),
                new Case("pure ACKs of an unknown connection open nothing", ISN,
                        w -> w.client(5, "", ACK).server(5, "", FIN | ACK).client(5, "", RST),
                        null, null, List.of(), s -> assertThat(s.noConnectionSegments()).isEqualTo(3)),
                new Case("idle connection closes, its waiting data flushed", ISN,
                        w -> w.handshake().client(1, "a").client(3, "c").tick(59_999).tick(1),
                        "a<gap 1>c", "", List.of("open", "C a", "C gap 1", "C c", "close IDLE"), s -> { }),
                new Case("data beyond any possible window is not of this stream", ISN,
                        w -> w.handshake().client(1, "ab").client(1 + (1 << 30) + 5, "junk").client(3, "cd"),
                        "abcd", "", List.of("open", "C ab", "C cd"),
                        s -> assertThat(s.outOfWindowBytes()).isEqualTo(4)),
                new Case("SYN-ACK with a new ISN after close starts a new connection", ISN,
                        w -> w.handshake().client(1, "old", FIN | ACK).server(1, "", FIN | ACK)
                                .send(false, 9000, 0, "", SYN | ACK).server(9001, "new"),
                        null, null, List.of("open", "C old", "C end", "S end", "close FIN", "open", "S new"),
                        s -> assertThat(s.connectionsOpened()).isEqualTo(2)),
                new Case("new SYN with another ISN replaces the connection", ISN,
                        w -> w.handshake().client(1, "old").send(true, 5000, 0, "", SYN).client(5001, "new"),
                        null, null, List.of("open", "C old", "close REPLACED", "open", "C new"),
                        s -> assertThat(s.closed().get(CloseReason.REPLACED)).isEqualTo(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reassemblesExactly(Case c) {
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        ReassemblyConfig config = ReassemblyConfig.DEFAULT.withExpire(Duration.ofSeconds(2)).withServerPorts(Set.of(80));
        TcpReassembler reassembler = new TcpReassembler(config, recorder, stats);

        c.script().accept(new Wire(reassembler, c.isn(), 77_000).at(1_000_000_000L));

        assertThat(recorder.events).containsExactlyElementsOf(c.events());
        if (c.client() != null) {
            assertThat(recorder.stream(Direction.FROM_CLIENT)).isEqualTo(c.client());
            assertThat(recorder.stream(Direction.FROM_SERVER)).isEqualTo(c.server());
        }
        TcpStats.Snapshot s = stats.snapshot();
        c.counters().accept(s);
        assertThat(s.payloadBytes()).as("every byte accounted for")
                .isEqualTo(s.deliveredBytes() + s.notDeliveredBytes() + s.heldBytes());
        assertThat(s.heldBytes()).isEqualTo(reassembler.heldBytes());
    }
}
