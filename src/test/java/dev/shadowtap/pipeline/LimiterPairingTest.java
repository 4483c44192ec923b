package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code |N%} and {@code |N} keep each request with its responses: requests spend the limit, the
 * original (type 2) and replayed (type 3) responses follow their request's verdict, also with
 * GoReplay's keep-alive ids (one id for every request of a connection) and interim 1xx responses.
 */
class LimiterPairingTest {
    private final StageStats stats = new StageStats("output-file out.gor");

    private static Message message(MessageType type, String id, String payload) {
        return new Message(type, id, 1_700_000_000_000_000_000L, type == MessageType.REQUEST ? Message.NO_LATENCY : 1_000L,
                payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Message request(String id, int n) {
        return message(MessageType.REQUEST, id, "GET /item/" + n + " HTTP/1.1\r\nHost: shop\r\n\r\n");
    }

    private static Message response(MessageType type, String id, int n) {
        return message(type, id, "HTTP/1.1 200 OK\r\nContent-Length: " + String.valueOf(n).length() + "\r\n\r\n" + n);
    }

    private static int number(Message m) {
        String text = new String(m.payload(), StandardCharsets.ISO_8859_1);
        return m.isRequest() ? Integer.parseInt(text.substring(10, text.indexOf(' ', 10)))
                : Integer.parseInt(text.substring(text.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void sampledRequestsKeepTheirOriginalAndReplayedResponsesAndDroppedOnesLoseBoth() throws Exception {
        RecordingOutput out = new RecordingOutput();
        LimitedOutput sampled = new LimitedOutput(out,
                new Limiter(new Limit.Percent(30), stats, new SplittableRandom(9), System::nanoTime));
        for (int i = 0; i < 3_000; i++) {
            String id = String.format("%024x", i);
            sampled.write(request(id, i));
            sampled.write(response(MessageType.RESPONSE, id, i));
            sampled.write(response(MessageType.REPLAYED, id, i));
        }

        Set<Integer> kept = new HashSet<>();
        out.messages().stream().filter(Message::isRequest).forEach(m -> kept.add(number(m)));
        assertThat(kept.size()).isBetween(750, 1_050);
        for (MessageType type : List.of(MessageType.RESPONSE, MessageType.REPLAYED)) {
            assertThat(out.messages().stream().filter(m -> m.type() == type).map(LimiterPairingTest::number).toList())
                    .as(type + " responses are exactly those of the kept requests").containsExactlyElementsOf(
                            kept.stream().sorted().toList());
        }
        assertThat(stats.dropped(Reason.SAMPLED_OUT)).isEqualTo(3_000 - kept.size());
        assertThat(stats.dropped(Reason.SAMPLED_OUT_RESPONSE)).isEqualTo(2L * (3_000 - kept.size()));
    }

    @Test
    void aSampledCaptureInputKeepsEachKeptRequestWithItsResponse() throws Exception {
        // a live capture gives request then response under one id: |N% on --input-raw
        java.util.Iterator<Message> captured = java.util.stream.IntStream.range(0, 2_000).boxed()
                .<Message>flatMap(i -> java.util.stream.Stream.of(request(String.format("%024x", i), i),
                        response(MessageType.RESPONSE, String.format("%024x", i), i)))
                .iterator();
        LimitedInput sampled = new LimitedInput(() -> captured.hasNext() ? captured.next() : null,
                new Limiter(new Limit.Percent(10), stats, new SplittableRandom(4), System::nanoTime));
        List<Message> read = new ArrayList<>();
        for (Message m; (m = sampled.read()) != null; ) {
            read.add(m);
        }

        List<Integer> requests = read.stream().filter(Message::isRequest).map(LimiterPairingTest::number).toList();
        List<Integer> responses = read.stream().filter(m -> !m.isRequest()).map(LimiterPairingTest::number).toList();
        assertThat(requests.size()).isBetween(140, 260);
        assertThat(responses).isEqualTo(requests);
        assertThat(stats.dropped(Reason.SAMPLED_OUT_RESPONSE)).isEqualTo(2_000 - requests.size());
    }

    @Test
    void keepAliveIdsPairInOrderEvenPipelinedAndInterimResponsesTakeNoTurn() {
        // GoReplay: every request of one connection shares the id; a verdict sequence pass, drop, pass
        Limiter limiter = new Limiter(new Limit.PerSecond(1), stats, new SplittableRandom(1), new AtomicLong()::get);
        String id = "00000000000000000000c0de";
        List<Boolean> verdicts = new ArrayList<>();
        verdicts.add(limiter.allow(request(id, 1)));          // passes: first of the window
        verdicts.add(limiter.allow(request(id, 2)));          // dropped: the window is spent
        verdicts.add(limiter.allow(message(MessageType.RESPONSE, id, "HTTP/1.1 100 Continue\r\n\r\n")));
        verdicts.add(limiter.allow(response(MessageType.RESPONSE, id, 1)));
        verdicts.add(limiter.allow(response(MessageType.REPLAYED, id, 1)));
        verdicts.add(limiter.allow(message(MessageType.RESPONSE, id, "HTTP/1.1 100 Continue\r\n\r\n")));
        verdicts.add(limiter.allow(response(MessageType.RESPONSE, id, 2)));
        verdicts.add(limiter.allow(response(MessageType.REPLAYED, id, 2)));

        assertThat(verdicts).containsExactly(true, false, true, true, true, false, false, false);
        assertThat(stats.dropped(Reason.RATE_LIMIT)).isEqualTo(1);
        assertThat(stats.dropped(Reason.RATE_LIMIT_RESPONSE)).isEqualTo(3);
    }

    @Test
    void responsesSpendNoRateAndAResponseWhoseRequestWasNeverSeenPasses() {
        AtomicLong now = new AtomicLong(0);
        Limiter limiter = new Limiter(new Limit.PerSecond(3), stats, new SplittableRandom(1), now::get);
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            String id = String.format("%024x", i);
            passed += limiter.allow(request(id, i)) ? 1 : 0;
            passed += limiter.allow(response(MessageType.RESPONSE, id, i)) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(6); // 3 requests a second, each with its response
        assertThat(limiter.allow(response(MessageType.RESPONSE, "ffffffffffffffffffffffff", 1))).isTrue();
        assertThat(stats.dropped(Reason.RATE_LIMIT)).isEqualTo(7);
        assertThat(stats.dropped(Reason.RATE_LIMIT_RESPONSE)).isEqualTo(7);
    }

    @Test
    void rememberedIdsStayBoundedAndAnUnlimitedLimiterRemembersNone() {
        Limiter limiter = new Limiter(new Limit.Percent(50), stats, new SplittableRandom(5), System::nanoTime);
        Limiter unlimited = Limiter.of(Limit.NONE, stats);
        Limiter everything = Limiter.of(new Limit.Percent(100), stats);
        for (int i = 0; i < 200_000; i++) {
            Message m = request(String.format("%024x", i), i);
            limiter.allow(m);
            assertThat(unlimited.allow(m)).isTrue();
            assertThat(everything.allow(m)).isTrue();
        }
        assertThat(limiter.trackedIds()).isEqualTo(Limiter.MAX_TRACKED_IDS);
        assertThat(unlimited.trackedIds()).isZero();
        assertThat(everything.trackedIds()).isZero();
    }

    @Test
    void anHttpReplayOutputsLimitCountsRequestsOnlyAndRemembersNothing() throws Exception {
        RecordingOutput out = new RecordingOutput();
        Limiter limiter = new Limiter(new Limit.Percent(0), stats, new SplittableRandom(3), System::nanoTime);
        LimitedOutput replay = new LimitedOutput(out, limiter, true);
        replay.write(request("000000000000000000000001", 1));
        replay.write(response(MessageType.RESPONSE, "000000000000000000000001", 1));

        assertThat(out.messages()).extracting(Message::type).containsExactly(MessageType.RESPONSE);
        assertThat(limiter.trackedIds()).isZero();
    }
}
