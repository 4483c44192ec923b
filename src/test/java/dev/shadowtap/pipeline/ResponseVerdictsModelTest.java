package dev.shadowtap.pipeline;

import dev.shadowtap.core.InterimResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResponseVerdicts} against its plain definition: every verdict of an id kept in a list, one
 * cursor per response type, interim responses taking no turn, a response more than {@value
 * ResponseVerdicts#WINDOW} requests behind passing. Random runs over few ids cover the one-word start,
 * the ring made at the 65th request or at the first later drop, and the ring's wrap.
 */
class ResponseVerdictsModelTest {
    private static final class Plain {
        final List<Boolean> dropped = new ArrayList<>();
        final long[] next = new long[2];
    }

    @Test
    void matchesThePlainDefinitionOverRandomRuns() {
        SplittableRandom random = new SplittableRandom(42);
        for (int run = 0; run < 300; run++) {
            ResponseVerdicts verdicts = new ResponseVerdicts(8);
            Map<String, Plain> plain = new HashMap<>();
            int ids = 1 + random.nextInt(3);
            double dropShare = run % 3 == 0 ? 0.001 : random.nextDouble(); // some ids drop late or never
            double responseShare = random.nextDouble();
            for (int step = random.nextInt(4_000); step > 0; step--) {
                String id = "id" + random.nextInt(ids);
                Plain p = plain.computeIfAbsent(id, k -> new Plain());
                if (random.nextDouble() >= responseShare) {
                    boolean drop = random.nextDouble() < dropShare;
                    verdicts.request(id, drop);
                    p.dropped.add(drop);
                    continue;
                }
                MessageType type = random.nextBoolean() ? MessageType.RESPONSE : MessageType.REPLAYED;
                boolean interim = random.nextInt(10) == 0;
                int cursor = type == MessageType.REPLAYED ? 1 : 0;
                long next = p.next[cursor];
                boolean expected = false;
                if (next < p.dropped.size()) {
                    p.next[cursor] = interim ? next : next + 1;
                    expected = p.dropped.size() - next <= ResponseVerdicts.WINDOW && p.dropped.get((int) next);
                }
                assertThat(verdicts.dropResponse(id, type, interim)).as("run %d, %s, response %d", run, id, next)
                        .isEqualTo(expected);
            }
        }
    }

    /**
     * Verdicts of more than two values ({@code --split-output}: the output a request was dealt to), packed
     * 2, 4, 8 or 16 bits each: the same definition, a response with no request awaiting it, or too far
     * behind, having none. Zeros come in long runs in some runs, so the ring is also made late.
     */
    @Test
    void manyValuedVerdictsMatchThePlainDefinition() {
        SplittableRandom random = new SplittableRandom(7);
        for (int values : new int[] {3, 4, 5, 16, 17, 256, 257, 65_536}) {
            for (int run = 0; run < 60; run++) {
                ResponseVerdicts verdicts = new ResponseVerdicts(8, values);
                Map<String, List<Integer>> given = new HashMap<>();
                Map<String, long[]> next = new HashMap<>();
                int ids = 1 + random.nextInt(3);
                double nonZeroShare = run % 3 == 0 ? 0.002 : random.nextDouble();
                double responseShare = random.nextDouble();
                for (int step = random.nextInt(4_000); step > 0; step--) {
                    String id = "id" + random.nextInt(ids);
                    List<Integer> list = given.computeIfAbsent(id, k -> new ArrayList<>());
                    long[] cursors = next.computeIfAbsent(id, k -> new long[2]);
                    if (random.nextDouble() >= responseShare) {
                        int verdict = random.nextDouble() < nonZeroShare ? random.nextInt(values) : 0;
                        verdicts.request(id, verdict);
                        list.add(verdict);
                        continue;
                    }
                    MessageType type = random.nextBoolean() ? MessageType.RESPONSE : MessageType.REPLAYED;
                    boolean interim = random.nextInt(10) == 0;
                    int cursor = type == MessageType.REPLAYED ? 1 : 0;
                    long at = cursors[cursor];
                    int expected = ResponseVerdicts.UNKNOWN;
                    if (at < list.size()) {
                        cursors[cursor] = interim ? at : at + 1;
                        expected = list.size() - at <= ResponseVerdicts.WINDOW ? list.get((int) at) : ResponseVerdicts.UNKNOWN;
                    }
                    assertThat(verdicts.responseVerdict(id, type, interim))
                            .as("%d values, run %d, %s, response %d", values, run, id, at).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * More ids than it keeps: the least recently used one (a request or a response of it counts as a
     * use) is forgotten with all its verdicts, and starts afresh at its next request, as in the plain
     * definition kept in a bounded map in access order. Ids like the capture's (24 hex digits) and others.
     */
    @Test
    void forgetsTheLeastRecentlyUsedIdsAsABoundedPlainDefinitionDoes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int run = 0; run < 200; run++) {
            int maxIds = 1 + random.nextInt(20);
            ResponseVerdicts verdicts = new ResponseVerdicts(maxIds);
            Map<String, Plain> plain = new java.util.LinkedHashMap<>(16, 0.75f, true);
            int ids = maxIds + 1 + random.nextInt(2 * maxIds + 2);
            double dropShare = random.nextDouble();
            double responseShare = random.nextDouble();
            for (int step = random.nextInt(3_000); step > 0; step--) {
                int n = random.nextInt(ids);
                String id = n % 2 == 0 ? String.format("%024x", n * 0x9E3779B97F4A7C15L) : "conn-" + n;
                if (random.nextDouble() >= responseShare) {
                    boolean drop = random.nextDouble() < dropShare;
                    verdicts.request(id, drop);
                    Plain p = plain.computeIfAbsent(id, k -> new Plain());
                    p.dropped.add(drop);
                    if (plain.size() > maxIds) {
                        plain.remove(plain.keySet().iterator().next());
                    }
                    continue;
                }
                MessageType type = random.nextBoolean() ? MessageType.RESPONSE : MessageType.REPLAYED;
                Plain p = plain.get(id);
                boolean expected = false;
                int cursor = type == MessageType.REPLAYED ? 1 : 0;
                if (p != null && p.next[cursor] < p.dropped.size()) {
                    long next = p.next[cursor]++;
                    expected = p.dropped.size() - next <= ResponseVerdicts.WINDOW && p.dropped.get((int) next);
                }
                assertThat(verdicts.dropResponse(id, type, false)).as("run %d, %s", run, id).isEqualTo(expected);
            }
            assertThat(verdicts.trackedIds()).isEqualTo(plain.size());
        }
    }

    @Test
    void aForgottenIdHasNoVerdictAndAVerdictOutOfRangeIsRefused() {
        ResponseVerdicts verdicts = new ResponseVerdicts(2, 3);
        verdicts.request("a", 2);
        verdicts.request("b", 1);
        verdicts.request("c", 1); // "a" is forgotten
        assertThat(verdicts.trackedIds()).isEqualTo(2);
        assertThat(verdicts.responseVerdict("a", MessageType.RESPONSE, false)).isEqualTo(ResponseVerdicts.UNKNOWN);
        assertThat(verdicts.responseVerdict("b", MessageType.RESPONSE, false)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verdicts.request("d", 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interimResponsesAreKnownByTheirStatusLine() {
        for (String interim : List.of("HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.0 103 Early Hints\r\nLink: </a>\r\n\r\n",
                "HTTP/1.1 100\r\n\r\n", "HTTP/1.1 100 Continue\r\n")) {
            assertThat(InterimResponse.startsPayload(interim.getBytes(StandardCharsets.ISO_8859_1))).as(interim).isTrue();
        }
        for (String other : List.of("HTTP/1.1 101 Switching Protocols\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n",
                "HTTP/1.1 1000 X\r\n\r\n", "HTTP/2.0 100 Continue\r\n\r\n", "HTTP/1.1 100Continue\r\n\r\n", "HTTP/1.1 100",
                "GET / HTTP/1.1\r\n\r\n")) {
            assertThat(InterimResponse.startsPayload(other.getBytes(StandardCharsets.ISO_8859_1))).as(other).isFalse();
        }
    }
}
