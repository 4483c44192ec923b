package dev.shadowtap.capture;

import dev.shadowtap.packet.DecodeStatus;
import dev.shadowtap.packet.DecodedPacket;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.packet.PacketDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures tcpdump 4.99.3 / libpcap 1.10.3 wrote of real loopback HTTP exchanges (curl against the
 * JDK's jwebserver: a GET over IPv4, a GET over IPv6, a POST), each beside tcpdump's own reading of
 * it ({@code tcpdump -nn -S -tt --time-stamp-precision=nano -r}). Every packet must decode to what
 * tcpdump printed, and the HTTP bytes must be in the payloads.
 */
class RealCapturesTest {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d+)\\.(\\d{9}) (?:\\S+ +(?:In|Out|M|B|P) +)?IP6? (\\S+)\\.(\\d+) > (\\S+)\\.(\\d+): Flags \\[([^]]*)](?:, seq (\\d+)(?::\\d+)?)?.*, length (\\d+)$");

    private record Expected(long timestampNs, String src, int srcPort, String dst, int dstPort, String flags, long seq, int length) {
    }

    @ParameterizedTest
    @CsvSource({
            "lo-ethernet-micro, ETHERNET, false",
            "lo-ethernet-nano, ETHERNET, false",
            "any-sll, LINUX_SLL, false",
            "any-sll2, LINUX_SLL2, false",
            "lo-snaplen96, ETHERNET, true"})
    void tcpdumpCapturesDecodeAsTcpdumpReadThem(String name, LinkType link, boolean snapped) throws IOException {
        List<Expected> expected = golden(name);
        List<String> problems = new ArrayList<>();
        Map<String, ByteArrayOutputStream> streams = new HashMap<>();
        DecodedPacket p = new DecodedPacket();
        int[] index = {0};
        PcapFileEngine engine;
        try (InputStream in = resource(name + ".pcap")) {
            engine = PcapFileEngine.open(in, name + ".pcap", new CollectedFrames().log);
            assertThat(engine.linkType()).isEqualTo(link);
            engine.run((buf, off, len, originalLength, timestampNs, frameLink) -> {
                Expected e = expected.get(index[0]++);
                DecodeStatus status = PacketDecoder.decode(buf, off, len, frameLink, p);
                String got = new Expected(timestampNs, p.srcAddress().getHostAddress(), p.srcPort(),
                        p.dstAddress().getHostAddress(), p.dstPort(), flags(p), e.seq() < 0 ? -1 : p.seq(),
                        p.payloadLength() + p.payloadMissing()).toString();
                if (!got.equals(e.toString().replace("::1", "0:0:0:0:0:0:0:1"))) {
                    problems.add("packet " + index[0] + ": " + got + " but tcpdump read " + e);
                }
                DecodeStatus wanted = snapped && p.payloadMissing() > 0 ? DecodeStatus.PAYLOAD_TRUNCATED : DecodeStatus.OK;
                if (status != wanted) {
                    problems.add("packet " + index[0] + ": " + status);
                }
                streams.computeIfAbsent(p.srcPort() + ">" + p.dstPort(), k -> new ByteArrayOutputStream())
                        .write(buf, p.payloadOffset(), p.payloadLength());
            });
        }
        assertThat(problems).isEmpty();
        assertThat(index[0]).isEqualTo(expected.size());
        assertThat(engine.stats().packets()).isEqualTo(expected.size());
        assertThat(engine.stats().drops()).isEmpty();

        String requests = streams.entrySet().stream().filter(s -> s.getKey().endsWith(">18080"))
                .map(s -> s.getValue().toString(StandardCharsets.ISO_8859_1)).reduce("", String::concat);
        String responses = streams.entrySet().stream().filter(s -> s.getKey().startsWith("18080>"))
                .map(s -> s.getValue().toString(StandardCharsets.ISO_8859_1)).reduce("", String::concat);
        assertThat(requests).contains("GET /hello.txt HTTP/1.1\r\nHost").contains("POST /hello.txt HTTP/1.1\r\n");
        assertThat(responses).contains("HTTP/1.1 200 OK\r\n");
        if (!snapped) {
            assertThat(requests).contains("GET /hello.txt HTTP/1.1\r\nHost: 127.0.0.1:18080\r\n")
                    .contains("GET /hello.txt?v6=1 HTTP/1.1\r\nHost: [::1]:18080\r\n")
                    .contains("X-Fixture: " + name + ".pcap\r\n")
                    .contains("\r\n\r\nname=shadowtap");
            assertThat(responses).contains("hello from shadowtap fixture\n");
        }
    }

    @ParameterizedTest
    @CsvSource({"lo-ethernet-nano, 1", "any-sll2, 276"})
    void realCapturesRewrittenAsPcapngReadTheSame(String name, int code) throws IOException {
        CollectedFrames original = new CollectedFrames();
        try (InputStream in = resource(name + ".pcap")) {
            original.read(in.readAllBytes(), 1 << 16);
        }
        for (java.nio.ByteOrder order : new java.nio.ByteOrder[]{java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN}) {
            PcapWriter w = PcapWriter.pcapng(order).interfaceDescription(code, 262144, 9, 0);
            for (CollectedFrames.Frame f : original.frames) {
                w.enhancedPacket(0, f.timestampNs(), f.bytes(), f.bytes().length, f.originalLength());
            }
            CollectedFrames rewritten = new CollectedFrames();
            rewritten.read(w.bytes(), 1000);
            assertThat(rewritten.frames).hasSameSizeAs(original.frames);
            for (int i = 0; i < original.frames.size(); i++) {
                assertThat(rewritten.frames.get(i).bytes()).isEqualTo(original.frames.get(i).bytes());
                assertThat(rewritten.frames.get(i).timestampNs()).isEqualTo(original.frames.get(i).timestampNs());
                assertThat(rewritten.frames.get(i).link()).isEqualTo(original.frames.get(i).link());
            }
        }
    }

    private static String flags(DecodedPacket p) {
        StringBuilder s = new StringBuilder();
        int[] bits = {DecodedPacket.FIN, DecodedPacket.SYN, DecodedPacket.RST, DecodedPacket.PSH, DecodedPacket.ACK,
                DecodedPacket.URG, DecodedPacket.ECE, DecodedPacket.CWR};
        String letters = "FSRP.UEW";
        for (int i = 0; i < bits.length; i++) {
            if (p.hasFlag(bits[i])) {
                s.append(letters.charAt(i));
            }
        }
        return s.toString();
    }

    private static List<Expected> golden(String name) throws IOException {
        List<Expected> out = new ArrayList<>();
        try (InputStream in = resource(name + ".tcpdump.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                Matcher m = LINE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                out.add(new Expected(Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)),
                        m.group(3), Integer.parseInt(m.group(4)), m.group(5), Integer.parseInt(m.group(6)), m.group(7),
                        m.group(8) == null ? -1 : Long.parseLong(m.group(8)), Integer.parseInt(m.group(9))));
            }
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = RealCapturesTest.class.getResourceAsStream("/pcap/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
