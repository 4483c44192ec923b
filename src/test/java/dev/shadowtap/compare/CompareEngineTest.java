package dev.shadowtap.compare;

import dev.shadowtap.core.Reasons;
import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Pairing by id in any order, and every exchange that cannot be compared counted by its reason. */
class CompareEngineTest {
    private final StageStats stats = new StageStats("compare");
    private final AtomicLong clock = new AtomicLong();
    private final List<String> logged = new ArrayList<>();

    private CompareEngine engine(int maxPending, Duration maxAge) {
        CompareConfig config = new CompareConfig(null, List.of(), OptionalDouble.of(0.0), null,
                new CompareConfig.Limits(maxPending, maxAge, 1 << 20, 100));
        return new CompareEngine(config, stats, (id, endpoint, request, differences) -> logged.add(id + " " + endpoint),
                clock::get, () -> 1_795_500_000L);
    }

    private static Message message(char type, String id, String payload) {
        return new Message(MessageType.fromCode(type), id, 0, type == '1' ? Message.NO_LATENCY : 2_000_000,
                payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String request(int n) {
        return "GET /api/products/" + n + " HTTP/1.1\r\nHost: a\r\n\r\n";
    }

    private static String response(String json) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
    }

    /** The three parts of an exchange, in the order given by the letters: R request, O original, C candidate. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ROC", "RCO", "ORC", "OCR", "CRO", "COR"})
    void pairsInAnyOrder(String order) {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        for (char part : order.toCharArray()) {
            engine.accept(switch (part) {
                case 'R' -> message('1', "a1", request(1));
                case 'O' -> message('2', "a1", response("{\"price\":1}"));
                default -> message('3', "a1", response("{\"price\":2}"));
            });
        }
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(1);
        assertThat(summary.differing()).isEqualTo(1);
        assertThat(summary.unpaired()).isEmpty();
        assertThat(logged).containsExactly("a1 GET /api/products/{id}");
        assertThat(stats.droppedTotal()).isZero();
    }

    /** Table: parts sent per id | the drop reason counted when the run ends. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            RO  | no-candidate
            RC  | no-reference
            R   | no-reference
            OC  | no-request
            """)
    void whatIsLeftAtTheEndIsCountedByWhatItMisses(String parts, String reason) {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        for (char part : parts.toCharArray()) {
            engine.accept(switch (part) {
                case 'R' -> message('1', "b1", request(1));
                case 'O' -> message('2', "b1", response("{}"));
                default -> message('3', "b1", response("{}"));
            });
        }
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isZero();
        assertThat(Reasons.byLabel(summary.unpaired())).isEqualTo(Map.of(reason, 1L));
        assertThat(stats.dropped(Reasons.labelled(reason))).isEqualTo(1);
    }

    @Test
    void aFullTablePushesTheOldestOutAndOldEntriesExpire() {
        CompareEngine engine = engine(2, Duration.ofSeconds(5));
        engine.accept(message('1', "x1", request(1)));
        engine.accept(message('1', "x2", request(2)));
        engine.accept(message('1', "x3", request(3))); // x1 pushed out
        assertThat(stats.dropped(Reason.TABLE_FULL)).isEqualTo(1);
        clock.set(Duration.ofSeconds(6).toNanos());
        engine.accept(message('1', "x4", request(4))); // x2 and x3 are too old now
        assertThat(stats.dropped(Reason.EXPIRED)).isEqualTo(2);
        engine.accept(message('2', "x4", response("{}")));
        engine.accept(message('3', "x4", response("{}")));
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(1);
        assertThat(summary.differing()).isZero();
        assertThat(Reasons.byLabel(summary.unpaired())).isEqualTo(Map.of("table-full", 1L, "expired", 2L));
    }

    @Test
    void interimResponsesAreSkippedAndNotHttpIsCounted() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        engine.accept(message('1', "c1", request(1)));
        engine.accept(message('2', "c1", "HTTP/1.1 100 Continue\r\n\r\n"));
        engine.accept(message('2', "c1", response("{}")));
        engine.accept(message('3', "c1", response("{}")));
        engine.accept(message('1', "c2", "not http at all"));
        engine.accept(message('2', "c2", response("{}")));
        engine.accept(message('3', "c2", response("{}")));
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(1);
        assertThat(Reasons.byLabel(summary.unpaired())).isEqualTo(Map.of("not-http", 1L));
    }

    /**
     * A binary protocol's exchanges (--input-raw-protocol binary, --output-binary): compared byte for byte
     * under one endpoint, in turn within an id (one id per recorded connection), a difference shown where
     * the bytes first differ; a request the target never answered counts against the gate there too.
     */
    @Test
    void exchangesThatAreNotHttpAreComparedByteForByte() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        engine.accept(message('1', "k1", "*2\r\n$3\r\nGET\r\n$1\r\na\r\n"));
        engine.accept(message('2', "k1", "$5\r\nhello\r\n"));
        engine.accept(message('1', "k1", "*2\r\n$3\r\nGET\r\n$1\r\nb\r\n"));
        engine.accept(message('2', "k1", "$5\r\nworld\r\n"));
        engine.accept(message('3', "k1", "$5\r\nhello\r\n"));
        engine.accept(message('3', "k1", "$6\r\nworld!\r\n"));
        engine.accept(message('1', "k2", "\u0000\u0001ping"));
        engine.accept(message('2', "k2", "\u0000\u0002pong"));
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(2);
        assertThat(summary.differing()).isEqualTo(1);
        assertThat(Reasons.byLabel(summary.unpaired())).isEqualTo(Map.of("no-candidate", 1L));
        CompareSummary.EndpointSummary binary = summary.endpoints().getFirst();
        assertThat(binary.endpoint()).isEqualTo("(binary)");
        assertThat(binary.compared()).isEqualTo(2);
        assertThat(binary.unanswered()).isEqualTo(1);
        CompareSummary.FieldSummary bytes = binary.fields().getFirst();
        assertThat(bytes.field()).isEqualTo("bytes");
        assertThat(bytes.examples().getFirst().reference()).isEqualTo("at byte 1 of 11: $5\\r\\nworld\\r\\n");
        assertThat(bytes.examples().getFirst().candidate()).isEqualTo("at byte 1 of 12: $6\\r\\nworld!\\r\\n");
        assertThat(logged).containsExactly("k1 (binary)");
    }

    @Test
    void noiseLearnedLaterAppliesToEarlierPairs() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        // first exchange: candidate differs in "node"; nothing learned yet
        engine.accept(message('1', "d1", request(1)));
        engine.accept(message('2', "d1", response("{\"node\":1}")));
        engine.accept(message('3', "d1", response("{\"node\":2}")));
        // the same request again: the two originals differ in "node": learned noise
        engine.accept(message('1', "d2", request(1)));
        engine.accept(message('2', "d2", response("{\"node\":3}")));
        engine.accept(message('3', "d2", response("{\"node\":3}")));
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(2);
        assertThat(summary.differing()).isZero();
        CompareSummary.FieldSummary node = summary.endpoints().getFirst().fields().getFirst();
        assertThat(node.field()).isEqualTo("$.node");
        assertThat(node.isNoise()).isTrue();
        assertThat(node.noiseReasons()).isEqualTo(Map.of("learned", 1L));
        assertThat(engine.classifier().learned("GET /api/products/{id}", "$.node")).isEqualTo(NoiseReason.LEARNED);
    }

    /** GoReplay 1.2: one id for every request of a keep-alive connection; responses may come first; 100 Continue on its own. */
    @Test
    void exchangesSharingAnIdPairInOrder() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        engine.accept(message('2', "conn", "HTTP/1.1 100 Continue\r\n\r\n"));
        engine.accept(message('2', "conn", response("{\"n\":1}")));
        for (int n = 1; n <= 5; n++) {
            engine.accept(message('1', "conn", request(n)));
            if (n > 1) {
                engine.accept(message('2', "conn", response("{\"n\":" + n + "}")));
            }
        }
        for (int n = 1; n <= 5; n++) {
            engine.accept(message('3', "conn", response("{\"n\":" + n + (n == 4 ? ",\"extra\":true" : "") + "}")));
        }
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(5);
        assertThat(summary.differing()).isEqualTo(1);
        assertThat(summary.unpaired()).isEmpty();
        assertThat(summary.endpoints().getFirst().fields()).extracting(CompareSummary.FieldSummary::field)
                .containsExactly("$.extra");
    }

    @Test
    void aBodyCutShortIsCountedTruncatedNeverADifference() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        String full = "{\"items\":[1,2,3],\"price\":1}";
        engine.accept(message('1', "t1", request(1)));
        engine.accept(message('2', "t1", response(full)));
        String cut = response(full);
        engine.accept(message('3', "t1", cut.substring(0, cut.length() - 10)));
        engine.accept(message('1', "t2", request(2)));
        engine.accept(message('2', "t2", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
        engine.accept(message('3', "t2", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        engine.accept(message('1', "t3", request(3)));
        engine.accept(message('2', "t3", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        engine.accept(message('3', "t3", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));

        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(1);
        assertThat(summary.differing()).isZero();
        assertThat(Reasons.byLabel(summary.unpaired())).containsOnly(Map.entry("truncated-candidate", 1L),
                Map.entry("truncated-reference", 1L));
        assertThat(stats.dropped(Reason.TRUNCATED_CANDIDATE)).isEqualTo(1);
        assertThat(logged).isEmpty();
    }

    /** The one completeness check (http.MessageLength) decides: a chunked body without its final empty line is cut. */
    @Test
    void aChunkedBodyMissingItsLastEmptyLineIsCutAndConflictingLengthsAreComparedAsReceived() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        String whole = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        engine.accept(message('1', "c1", request(1)));
        engine.accept(message('2', "c1", whole));
        engine.accept(message('3', "c1", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"));
        String conflicting = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello";
        engine.accept(message('1', "c2", request(2)));
        engine.accept(message('2', "c2", conflicting));
        engine.accept(message('3', "c2", conflicting));

        CompareSummary summary = engine.finish();
        assertThat(Reasons.byLabel(summary.unpaired())).containsOnly(Map.entry("truncated-candidate", 1L));
        assertThat(summary.compared()).isEqualTo(1);
    }

    @Test
    void aRequestTheReplayNeverAnsweredCountsAgainstTheGate() {
        CompareConfig config = new CompareConfig(null, List.of(), OptionalDouble.of(0.3), null,
                new CompareConfig.Limits(10, Duration.ofSeconds(60), 1 << 20, 100));
        CompareEngine engine = new CompareEngine(config, stats, null, clock::get, () -> 1_795_500_000L);
        for (int n = 1; n <= 4; n++) {
            engine.accept(message('1', "g" + n, request(n)));
            engine.accept(message('2', "g" + n, response("{}")));
            if (n <= 2) {
                engine.accept(message('3', "g" + n, response("{}")));
            }
        }
        CompareSummary summary = engine.finish();
        CompareSummary.EndpointSummary e = summary.endpoints().getFirst();
        assertThat(e.compared()).isEqualTo(2);
        assertThat(e.differing()).isZero();
        assertThat(e.unanswered()).isEqualTo(2);
        assertThat(e.gateRate()).isEqualTo(0.5);
        assertThat(summary.failed()).isTrue();
    }

    @Test
    void aWholeChangedLongLineIsARealDifferenceButAChangedTimestampInItIsNoise() {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        String prefix = "x".repeat(300);
        engine.accept(message('1', "l1", request(1)));
        engine.accept(message('2', "l1", text(prefix + " total=100 at 2026-11-24T07:00:00Z")));
        engine.accept(message('3', "l1", text(prefix + " total=999 at 2026-11-24T07:00:00Z")));
        engine.accept(message('1', "l2", request(2)));
        engine.accept(message('2', "l2", text(prefix + " total=100 at 2026-11-24T07:00:00Z")));
        engine.accept(message('3', "l2", text(prefix + " total=100 at 2026-11-24T07:00:05Z")));
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(2);
        assertThat(summary.differing()).isEqualTo(1);
        CompareSummary.FieldSummary line = summary.endpoints().getFirst().fields().getFirst();
        assertThat(line.field()).isEqualTo("body:text");
        assertThat(line.noise()).isEqualTo(1);
        assertThat(line.examples().getFirst().reference()).contains("total=100").startsWith("...");
    }

    private static String text(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void anIdWaitsFromItsLastCompletedExchangeAndAnExpiredUnansweredRequestCountsAgainstTheGate() {
        CompareEngine engine = engine(1, Duration.ofSeconds(5));
        engine.accept(message('1', "k", request(1)));
        engine.accept(message('2', "k", response("{}")));
        clock.set(Duration.ofSeconds(4).toNanos());
        engine.accept(message('3', "k", response("{}"))); // the first exchange of the id completes
        engine.accept(message('1', "k", request(2)));
        engine.accept(message('2', "k", response("{}")));
        clock.set(Duration.ofSeconds(8).toNanos()); // 4 s since the id progressed: still waiting
        engine.accept(message('1', "other", request(3))); // the table holds one id: "k" is pushed out
        engine.accept(message('2', "other", response("{}")));
        assertThat(stats.dropped(Reason.TABLE_FULL)).isEqualTo(1);
        clock.set(Duration.ofSeconds(20).toNanos());
        engine.accept(message('1', "third", request(4))); // "other" too old: expired, never answered
        CompareSummary summary = engine.finish();
        assertThat(summary.compared()).isEqualTo(1);
        assertThat(Reasons.byLabel(summary.unpaired())).containsEntry("table-full", 1L).containsEntry("expired", 1L)
                .containsEntry("no-reference", 1L);
        // the table's own overflow does not count against the gate, the target's silence does
        assertThat(summary.endpoints().getFirst().unanswered()).isEqualTo(1);
    }

    /**
     * The original's latency comes from the timestamps: GoReplay 1.2+ and shadowtap put each message's
     * own first-to-last-packet time in the fourth field (0 for a one-packet response). A replayed
     * response's round trip is its fourth field, or its third in GoReplay 1.0 to 2.0-rc2's swapped form.
     */
    @ParameterizedTest(name = "replayed header ''{0}''")
    @CsvSource({"1795500000000000000 5000000", "5000000 1795500000000000000"})
    void latenciesAreTheOriginalsTimestampDifferenceAndTheReplaysRoundTripInEitherOrder(String replayed) {
        CompareEngine engine = engine(10, Duration.ofSeconds(60));
        long t = 1_795_400_000_000_000_000L;
        String[] f = replayed.split(" ");
        engine.accept(new Message(MessageType.REQUEST, "c1", t, 0, request(1).getBytes(StandardCharsets.ISO_8859_1)));
        engine.accept(new Message(MessageType.RESPONSE, "c1", t + 3_000_000, 0,
                response("{}").getBytes(StandardCharsets.ISO_8859_1)));
        engine.accept(new Message(MessageType.REPLAYED, "c1", Long.parseLong(f[0]), Long.parseLong(f[1]),
                response("{}").getBytes(StandardCharsets.ISO_8859_1)));
        CompareSummary.EndpointSummary endpoint = engine.finish().endpoints().getFirst();
        assertThat(endpoint.latencyReference().count()).isEqualTo(1);
        assertThat(endpoint.latencyReference().p50Ms()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(endpoint.latencyCandidate().count()).isEqualTo(1);
        assertThat(endpoint.latencyCandidate().p50Ms()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.05));
    }
}
