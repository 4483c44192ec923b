package dev.shadowtap.pipeline;

import dev.shadowtap.core.Stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --split-output} on recordings with responses: requests are dealt round robin and every
 * response follows its request (FIFO per id, as GoReplay's keep-alive ids need), so each output gets
 * whole exchanges. Messages carry the number of their exchange (the request's path, the responses'
 * {@code X-Exchange} header) so that what each output got can be checked against what it should.
 */
@Timeout(30)
class EmitterSplitTest {
    private final Stats stats = new Stats();
    private final LineLog log = new LineLog();

    /** A file-like input of the given messages, in order. */
    private static final class MessagesInput implements Input {
        private final List<Message> messages;
        private final AtomicInteger next = new AtomicInteger();

        MessagesInput(List<Message> messages) {
            this.messages = List.copyOf(messages);
        }

        @Override
        public Message read() {
            int n = next.getAndIncrement();
            return n < messages.size() ? messages.get(n) : null;
        }

        @Override
        public void close() {
        }
    }

    private static String id(int connection) {
        return String.format("%024x", 0xC0FFEE00L + connection);
    }

    private static Message request(String id, int exchange) {
        return new Message(MessageType.REQUEST, id, exchange, Message.NO_LATENCY,
                ("GET /" + exchange + " HTTP/1.1\r\nHost: shop\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static Message response(MessageType type, String id, int exchange, int status) {
        String reason = status == 100 ? "Continue" : "OK";
        return new Message(type, id, exchange, 1_000,
                ("HTTP/1.1 " + status + " " + reason + "\r\nX-Exchange: " + exchange + "\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    /** The exchange a message belongs to. */
    private static int exchange(Message m) {
        String text = new String(m.payload(), StandardCharsets.US_ASCII);
        if (m.isRequest()) {
            return Integer.parseInt(text.substring(5, text.indexOf(' ', 5)));
        }
        int at = text.indexOf("X-Exchange: ") + 12;
        return Integer.parseInt(text.substring(at, text.indexOf('\r', at)));
    }

    /**
     * A recording of {@code exchanges} exchanges over {@code connections} keep-alive connections (one id
     * each), interleaved at random: each exchange is its request, now and then a 100 Continue, its
     * original response and its replayed response, which may come after the connection's next
     * request went out (pipelined), as in files recorded with --output-http-track-response.
     */
    private static List<Message> recording(int exchanges, int connections, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Message>> pending = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            pending.add(new ArrayList<>());
        }
        List<Message> out = new ArrayList<>();
        int started = 0;
        while (started < exchanges || pending.stream().anyMatch(p -> !p.isEmpty())) {
            int c = random.nextInt(connections);
            List<Message> queue = pending.get(c);
            if (started < exchanges && (queue.size() < 2 || random.nextInt(4) == 0)) {
                int n = started++;
                String id = id(c);
                out.add(request(id, n));
                if (random.nextInt(5) == 0) {
                    queue.add(response(MessageType.RESPONSE, id, n, 100));
                }
                queue.add(response(MessageType.RESPONSE, id, n, 200));
                queue.add(response(MessageType.REPLAYED, id, n, 200));
            } else if (!queue.isEmpty()) {
                out.add(queue.removeFirst());
            }
        }
        return out;
    }

    private static Map<Integer, Integer> requestOrder(List<Message> recording) {
        Map<Integer, Integer> order = new HashMap<>();
        for (Message m : recording) {
            if (m.isRequest()) {
                order.put(exchange(m), order.size());
            }
        }
        return order;
    }

    private List<RecordingOutput> split(List<Message> recording, int outputs) throws InterruptedException {
        List<RecordingOutput> recorded = new ArrayList<>();
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            RecordingOutput output = new RecordingOutput();
            recorded.add(output);
            sinks.add(new Sink(output, stats.stage("out-" + i)));
        }
        Emitter emitter = new Emitter(List.of(new Source(new MessagesInput(recording), stats.stage("in"))), sinks,
                EmitterOptions.DEFAULTS.withSplitOutput(true), log);
        EmitterSummary summary = emitter.run();
        assertThat(summary.droppedTotal()).isZero();
        return recorded;
    }

    @Test
    void eachOutputGetsWholeExchangesAndTheRequestsInTurn() throws Exception {
        for (int outputs : List.of(2, 3)) {
            for (long seed = 1; seed <= 20; seed++) {
                List<Message> recording = recording(300, 1 + (int) (seed % 5), seed);
                Map<Integer, Integer> order = requestOrder(recording);

                List<RecordingOutput> recorded = split(recording, outputs);

                for (int o = 0; o < outputs; o++) {
                    int output = o;
                    // exactly the messages of the exchanges whose request was dealt here, in the recording's order
                    List<Message> expected = recording.stream()
                            .filter(m -> order.get(exchange(m)) % outputs == output).toList();
                    assertThat(recorded.get(o).messages()).as("output %d of %d, seed %d", o, outputs, seed)
                            .containsExactlyElementsOf(expected);
                }
                int total = recorded.stream().mapToInt(r -> r.messages().size()).sum();
                assertThat(total).isEqualTo(recording.size());
            }
        }
    }

    @Test
    void aResponseRecordedRightAfterItsRequestNoLongerGoesToTheOtherOutput() throws Exception {
        // The shape QA met: request, response, request, response ... on two outputs. Dealt per message,
        // one output got every request and the other every response.
        List<Message> recording = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            recording.add(request(id(n), n));
            recording.add(response(MessageType.RESPONSE, id(n), n, 200));
        }

        List<RecordingOutput> recorded = split(recording, 2);

        for (int o = 0; o < 2; o++) {
            int output = o;
            List<Message> got = recorded.get(o).messages();
            // requests 0, 2, 4, ... to the first output, 1, 3, 5, ... to the second, each followed by its response
            assertThat(got).hasSize(10);
            assertThat(got.stream().filter(Message::isRequest).map(EmitterSplitTest::exchange).toList())
                    .isEqualTo(IntStream.range(0, 5).map(i -> 2 * i + output).boxed().toList());
            for (int i = 0; i < got.size(); i += 2) {
                assertThat(got.get(i).isRequest()).isTrue();
                assertThat(got.get(i + 1).type()).isEqualTo(MessageType.RESPONSE);
                assertThat(exchange(got.get(i + 1))).isEqualTo(exchange(got.get(i)));
            }
        }
    }

    @Test
    void aResponseWithoutADealtRequestGoesToTheOutputTheNextRequestWillGoTo() throws Exception {
        List<Message> recording = List.of(
                response(MessageType.RESPONSE, id(9), 90, 200), // its request was never read: to a (next turn 0)
                request(id(1), 1), // to a
                response(MessageType.RESPONSE, id(2), 20, 100), // a 100 Continue before its request: to b
                request(id(2), 2), // to b
                response(MessageType.RESPONSE, id(2), 2, 200), // to b
                response(MessageType.RESPONSE, id(1), 1, 200), // to a
                response(MessageType.RESPONSE, id(1), 11, 200), // no request of id 1 awaits it: next turn, a
                request(id(3), 3), // to a
                response(MessageType.REPLAYED, id(3), 3, 200)); // to a

        List<RecordingOutput> recorded = split(recording, 2);

        assertThat(recorded.get(0).messages().stream().map(EmitterSplitTest::exchange).toList())
                .containsExactly(90, 1, 1, 11, 3, 3);
        assertThat(recorded.get(1).messages().stream().map(EmitterSplitTest::exchange).toList())
                .containsExactly(20, 2, 2);
    }

    @Test
    void theOutputsOfTheLast65536IdsAreRememberedAndOlderOnesForgotten() throws Exception {
        List<Message> recording = new ArrayList<>();
        int ids = SplitDealer.TRACKED_IDS + 1;
        for (int n = 0; n < ids; n++) {
            recording.add(request(id(n), n)); // request n to output n % 2
        }
        // id 1 is still remembered after id 0 was forgotten, and goes where its request went (b); id 0's
        // response, forgotten, goes where the next request will (turn 65537: b, not a)
        recording.add(response(MessageType.RESPONSE, id(1), 1, 200));
        recording.add(response(MessageType.RESPONSE, id(0), 0, 200));
        recording.add(response(MessageType.RESPONSE, id(2), 2, 200)); // id 2 remembered: a

        List<RecordingOutput> recorded = split(recording, 2);

        assertThat(recorded.get(0).messages()).hasSize(ids / 2 + 1 + 1);
        assertThat(recorded.get(0).messages().getLast()).isEqualTo(recording.getLast());
        List<Message> b = recorded.get(1).messages();
        assertThat(b.subList(b.size() - 2, b.size()).stream().map(EmitterSplitTest::exchange).toList())
                .containsExactly(1, 0);
    }
}
