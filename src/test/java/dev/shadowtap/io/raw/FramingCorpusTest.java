package dev.shadowtap.io.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.Main;
import dev.shadowtap.core.InterimResponse;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framing corpus (docs/FRAMING-CORPUS.md): the cases of llhttp's and http-parser's suites that
 * their strict parsers accept, as one capture file per segment size, run through the real command
 * line ({@code --input-raw FILE --input-raw-engine pcap_file --input-raw-track-response --output-file}),
 * and every recorded message compared, byte for byte, with the reference's slice of the stream; for
 * responses also that each takes the id of the request it answers. Every case agrees or is in
 * {@link #KNOWN}, and a known case that agrees fails too, so the list shrinks as the framer is fixed.
 */
class FramingCorpusTest {
    private static final int[] SEGMENT_SIZES = {1460, 3, 1};

    /**
     * The disagreements we know of: why, and the cases (by name; "NAME @3,1" for only those segment sizes).
     * Fixed in the framer? Delete the case here.
     */
    private static final List<Known> KNOWN = List.of(
            new Known("by design: HTTP/1.x only; RTSP/1.0 and ICE/1.0 start lines are dropped, counted bad-start-line",
                    "llhttp test/request/method.md:372 SOURCE request with ICE",
                    "llhttp test/request/method.md:400 OPTIONS request with RTSP",
                    "llhttp test/request/method.md:430 ANNOUNCE request with RTSP",
                    "llhttp test/response/sample.md:40 RTSP response",
                    "llhttp test/response/sample.md:60 ICE response",
                    "http-parser requests[41] source request",
                    "http-parser multiple3 requests[14+15+41]"),
            new Known("by design: no HTTP/0.9; 'GET /' without a version and an 'HTTP/0.9 200' status line are dropped, counted bad-start-line",
                    "llhttp test/request/sample.md:314 No HTTP version",
                    "llhttp test/response/sample.md:645 HTTP version 0.9",
                    "http-parser requests[19] request with no http version",
                    "http-parser responses[11] http version 0.9",
                    "http-parser multiple3 requests[25+27+19]",
                    "http-parser multiple3 responses[0+4+11]"),
            new Known("shadowtap right (RFC 9112 6.3, RFC 9110 15.2.2; as llhttp): a 101 ends at its head; http-parser reads a body after it",
                    "http-parser responses[23] HTTP 101 response with Upgrade and Content-Length header",
                    "http-parser responses[24] HTTP 101 response with Upgrade and Transfer-Encoding header",
                    "http-parser multiple3 responses[4+7+23]",
                    "http-parser multiple3 responses[7+8+24]")
    );

    record Known(String why, String... cases) {
    }

    @TempDir
    Path dir;

    @Test
    void everyCaseTheStrictReferencesAcceptIsFramedAsTheyFrameItOrIsAKnownDisagreement() throws IOException {
        List<CorpusCase> cases = CorpusCase.load();
        assertThat(cases).hasSize(acceptedInSummary()).hasSizeGreaterThan(250);
        Map<String, String> known = knownByCase();
        List<String> names = cases.stream().map(CorpusCase::name).toList();
        assertThat(known.keySet()).as("known cases that are not in the corpus")
                .allSatisfy(k -> assertThat(names).contains(k.replaceFirst(" @\\d+$", "")));
        List<String> problems = new ArrayList<>();
        Map<String, int[]> score = new TreeMap<>();
        for (int s = 0; s < SEGMENT_SIZES.length; s++) {
            int size = SEGMENT_SIZES[s];
            List<List<Message>> recorded = run(cases, size);
            for (int i = 0; i < cases.size(); i++) {
                CorpusCase c = cases.get(i);
                String verdict = compare(c, recorded.get(i));
                int[] tally = score.computeIfAbsent(c.suite() + " " + (c.request() ? "requests" : "responses"),
                        k -> new int[1 + SEGMENT_SIZES.length]);
                tally[0] += s == 0 ? 1 : 0;
                tally[1 + s] += verdict == null ? 1 : 0;
                String why = known.getOrDefault(c.name() + " @" + size, known.get(c.name()));
                if (verdict != null && why == null) {
                    problems.add("disagrees at " + size + ": " + c.name() + " (" + c.source() + "): " + verdict);
                } else if (verdict == null && why != null) {
                    problems.add("now agrees at " + size + ": remove from the known list: " + c.name());
                }
            }
        }
        score.forEach((k, v) -> System.out.println("framing corpus " + k + ": " + v[0] + " cases, agree at 1460/3/1: "
                + v[1] + "/" + v[2] + "/" + v[3]));
        assertThat(problems).as("disagreements not in KNOWN, or known ones that now agree").isEmpty();
    }

    /** Each case's recorded messages, in the order they were written. */
    private List<List<Message>> run(List<CorpusCase> cases, int segment) throws IOException {
        // -Dframing.corpus.dir=DIR keeps the capture files, the recordings and the run's stderr there to look at
        Path keep = System.getProperty("framing.corpus.dir") == null ? dir
                : Files.createDirectories(Path.of(System.getProperty("framing.corpus.dir")));
        Path pcap = keep.resolve("corpus-" + segment + ".pcap");
        Path gor = keep.resolve("corpus-" + segment + ".gor");
        Files.deleteIfExists(gor);
        Files.write(pcap, new CorpusCapture(segment).write(cases));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(new String[]{"--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file",
                    "--input-raw-track-response", "--output-file", gor.toString(), "--output-file-append", "--stats"}, o, e);
        }
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        if (keep != dir) {
            Files.write(keep.resolve("corpus-" + segment + ".stderr"), err.toByteArray());
        }
        List<List<Message>> byCase = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            byCase.add(new ArrayList<>());
        }
        try (GorReader reader = GorReader.open(gor, new StageStats("corpus"), Log.SILENT)) {
            Message m;
            while ((m = reader.next()) != null) {
                long index = (m.timestampNs() - CorpusCapture.T0) / CorpusCapture.SECOND;
                assertThat(index).as("a message stamped outside every case").isBetween(0L, cases.size() - 1L);
                byCase.get((int) index).add(m);
            }
        }
        return byCase;
    }

    /** Null when shadowtap recorded exactly the reference's messages (and paired responses as it must), else what differs. */
    static String compare(CorpusCase c, List<Message> recorded) {
        MessageType side = c.request() ? MessageType.REQUEST : MessageType.RESPONSE;
        List<Message> got = recorded.stream().filter(m -> m.type() == side).toList();
        boolean same = got.size() == c.messages().size();
        for (int k = 0; same && k < got.size(); k++) {
            same = Arrays.equals(got.get(k).payload(), c.expected(k));
        }
        if (!same) {
            return "reference " + describe(c, c.messages().stream().map(m -> Arrays.copyOfRange(c.raw(), m[0], m[1])).toList())
                    + ", recorded " + describe(c, got.stream().map(Message::payload).toList());
        }
        if (c.request()) {
            return null;
        }
        List<String> requestIds = recorded.stream().filter(m -> m.type() == MessageType.REQUEST).map(Message::id).toList();
        int finals = 0;
        for (Message response : got) {
            String owner = finals < requestIds.size() ? requestIds.get(finals) : "none";
            if (!response.id().equals(owner)) {
                return "response " + describe(c, List.of(response.payload())) + " paired with the wrong request";
            }
            finals += InterimResponse.startsPayload(response.payload()) ? 0 : 1;
        }
        return null;
    }

    /** Messages as offsets into the case's bytes where they are a slice of it, else their first bytes. */
    private static String describe(CorpusCase c, List<byte[]> messages) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (byte[] m : messages) {
            int at = indexOf(c.raw(), m, from);
            if (at >= 0) {
                parts.add("[" + at + "," + (at + m.length) + ")");
                from = at + m.length;
            } else {
                String text = new String(m, 0, Math.min(m.length, 40), StandardCharsets.ISO_8859_1)
                        .replace("\r", "\\r").replace("\n", "\\n");
                parts.add("\"" + text + (m.length > 40 ? "..." : "") + "\"(" + m.length + " bytes, not a slice)");
            }
        }
        return messages.size() + (parts.isEmpty() ? "" : " " + String.join(" ", parts));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int acceptedInSummary() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(FramingCorpusTest.class.getResourceAsStream("/http/corpus/summary.json"));
        int accepted = 0;
        for (JsonNode suite : summary.get("suites")) {
            accepted += suite.get("accepted").asInt();
        }
        return accepted;
    }

    /** Case name (with " @SIZE" when only at that size) to why. */
    private static Map<String, String> knownByCase() {
        Map<String, String> byCase = new LinkedHashMap<>();
        for (Known k : KNOWN) {
            String why = k.why();
            for (String entry : k.cases()) {
                int at = entry.lastIndexOf(" @");
                if (at < 0) {
                    byCase.put(entry, why);
                } else {
                    for (String size : entry.substring(at + 2).split(",")) {
                        byCase.put(entry.substring(0, at) + " @" + size.trim(), why);
                    }
                }
            }
        }
        return byCase;
    }
}
