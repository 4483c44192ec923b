package dev.shadowtap.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden scripts under {@code src/test/resources/tcp/}: segments of one connection as text, then the
 * exact events and the non-zero byte counters by reason that they must produce. Script lines:
 * <pre>
 * isn CLIENT_ISN SERVER_ISN          unsigned 32-bit initial sequence numbers
 * C|S REL_SEQ FLAGS ["payload"]      FLAGS like SYN|ACK; payload escapes \r \n \\ \"
 * later MS / tick MS                 time passes (tick also tells the reassembler)
 * == events                          then one expected event per line (payload escaped the same way)
 * == bytes                           then "reason count" for every non-zero bytesByReason entry
 * </pre>
 */
class GoldenScriptTest {

    static Stream<Path> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenScriptTest.class.getResource("/tcp").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".script")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptProducesItsGoldenEvents(Path script) throws IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        Recorder recorder = new Recorder();
        TcpStats stats = new TcpStats();
        TcpReassembler reassembler = new TcpReassembler(ReassemblyConfig.DEFAULT.withServerPorts(Set.of(80)), recorder, stats);
        Wire wire = null;
        List<String> expectedEvents = new ArrayList<>();
        Map<String, Long> expectedBytes = new LinkedHashMap<>();
        String section = "script";
        for (String line : lines) {
            if (line.startsWith("#") || (line.isBlank() && !section.equals("events"))) {
                continue;
            }
            if (line.startsWith("== ")) {
                section = line.substring(3).trim();
                continue;
            }
            switch (section) {
                case "events" -> expectedEvents.add(unescape(line));
                case "bytes" -> {
                    String[] f = line.trim().split(" +");
                    expectedBytes.put(f[0], Long.parseLong(f[1]));
                }
                default -> wire = step(reassembler, wire, line.trim(), script.getFileName() + ": " + line);
            }
        }

        assertThat(recorder.events.stream().map(GoldenScriptTest::escape).toList())
                .containsExactlyElementsOf(expectedEvents.stream().map(GoldenScriptTest::escape).toList());
        Map<String, Long> nonZero = new LinkedHashMap<>();
        stats.snapshot().bytesByReason().forEach((reason, n) -> {
            if (n != 0) {
                nonZero.put(reason.label(), n);
            }
        });
        assertThat(nonZero).isEqualTo(expectedBytes);
        TcpStats.Snapshot s = stats.snapshot();
        assertThat(s.payloadBytes()).isEqualTo(s.deliveredBytes() + s.notDeliveredBytes() + s.heldBytes());
    }

    private static Wire step(TcpReassembler reassembler, Wire wire, String line, String where) {
        String[] f = line.split(" +", 4);
        switch (f[0]) {
            case "isn" -> {
                return new Wire(reassembler, (int) Long.parseLong(f[1]), (int) Long.parseLong(f[2])).at(1_000_000_000L);
            }
            case "later" -> {
                return wire.later(Long.parseLong(f[1]));
            }
            case "tick" -> {
                return wire.tick(Long.parseLong(f[1]));
            }
            case "C", "S" -> {
                int flags = 0;
                for (String flag : f[2].split("\\|")) {
                    flags |= switch (flag) {
                        case "SYN" -> Segment.SYN;
                        case "ACK" -> Segment.ACK;
                        case "FIN" -> Segment.FIN;
                        case "RST" -> Segment.RST;
                        case "PSH" -> Segment.PSH;
                        default -> throw new IllegalArgumentException(where + ": unknown flag " + flag);
                    };
                }
                String payload = f.length > 3 ? unescape(f[3].substring(1, f[3].length() - 1)) : "";
                return wire.send(f[0].equals("C"), Integer.parseInt(f[1]), 0, payload, flags);
            }
            default -> throw new IllegalArgumentException(where + ": unknown step");
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }
}
