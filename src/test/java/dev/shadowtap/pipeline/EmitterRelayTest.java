package dev.shadowtap.pipeline;

import dev.shadowtap.core.Stats;

import dev.shadowtap.core.StageStats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The emitter with a relay (the middleware's place): routing and the shutdown order. */
@Timeout(30)
class EmitterRelayTest {
    private final Stats stats = new Stats();
    private final LineLog log = new LineLog();

    /**
     * A middleware in miniature: what it is written comes back on its input side when {@code keep}
     * says so, after {@code delayMs}; its input ends once its output side is closed and emptied, or
     * after {@code endAfter} messages (an exit while running).
     */
    static final class QueueRelay implements Output {
        private static final Message END = TestMessages.request(-1);
        private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();
        private final Predicate<Message> keep;
        private final long delayMs;
        private final int endAfter;
        private final AtomicInteger returned = new AtomicInteger();
        volatile int closes;

        QueueRelay(Predicate<Message> keep, long delayMs, int endAfter) {
            this.keep = keep;
            this.delayMs = delayMs;
            this.endAfter = endAfter;
        }

        @Override
        public void write(Message message) throws InterruptedException {
            if (keep.test(message)) {
                Thread.sleep(delayMs);
                queue.put(message);
            }
        }

        @Override
        public void close() {
            closes++;
            queue.add(END);
        }

        final Input input = this::next;

        private Message next() throws InterruptedException {
            if (returned.get() >= endAfter) {
                return null;
            }
            Message m = queue.take();
            if (m == END) {
                return null;
            }
            returned.incrementAndGet();
            return m;
        }
    }

    private Relay relay(QueueRelay relay) {
        return new Relay(new Sink(relay, stats.stage("middleware")), new Source(relay.input, stats.stage("middleware-returned")),
                Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    private StageStats stage(String name) {
        return stats.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyInputGoesToTheRelayOnlyAndWhatItReturnsGoesToEveryOutput() throws Exception {
        QueueRelay relay = new QueueRelay(m -> TestMessages.number(m) % 2 == 0, 0, Integer.MAX_VALUE);
        RecordingOutput a = new RecordingOutput();
        RecordingOutput b = new RecordingOutput();
        Emitter emitter = new Emitter(List.of(new Source(new ListInput(0, 100, false), stats.stage("in"))),
                List.of(new Sink(a, stats.stage("a")), new Sink(b, stats.stage("b"))), relay(relay),
                EmitterOptions.DEFAULTS.withQueueCapacity(8), log);

        EmitterSummary summary = emitter.run();

        for (RecordingOutput out : List.of(a, b)) {
            assertThat(out.messages()).extracting(TestMessages::number)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).map(i -> 2 * i).boxed().toList());
            assertThat(out.closedWith()).isEqualTo(50);
        }
        assertThat(relay.closes).isEqualTo(1);
        assertThat(stage("middleware").messages()).isEqualTo(100);
        assertThat(stage("middleware-returned").messages()).isEqualTo(50);
        assertThat(summary.inputs()).extracting(StageStats.Snapshot::name).containsExactly("in", "middleware-returned");
        assertThat(summary.droppedTotal()).isZero();
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void repliesOfAFeedbackOutputGoThroughTheRelayEvenAfterThePrimaryInputEnded() throws Exception {
        QueueRelay relay = new QueueRelay(m -> true, 1, Integer.MAX_VALUE);
        ReplayingOutput replay = new ReplayingOutput();
        RecordingOutput file = new RecordingOutput();
        Emitter emitter = new Emitter(
                List.of(new Source(new ListInput(0, 50, false), stats.stage("in")), new Source(replay, stats.stage("replies"))),
                List.of(new Sink(replay, stats.stage("replay")), new Sink(file, stats.stage("file"))), relay(relay),
                EmitterOptions.DEFAULTS.withQueueCapacity(4), log);

        emitter.run();

        // The replay output got each request once (from the relay, not also straight from the input).
        assertThat(replay.messages()).hasSize(50).allMatch(Message::isRequest);
        assertThat(file.messages()).hasSize(100);
        assertThat(file.messages().stream().filter(m -> m.type() == MessageType.REPLAYED)).hasSize(50);
        assertThat(file.closedWith()).isEqualTo(100);
        assertThat(stage("middleware").messages()).isEqualTo(100);
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void aRelayThatEndsWhileRunningStopsTheRun() throws Exception {
        QueueRelay relay = new QueueRelay(m -> true, 0, 5);
        ListInput endless = new ListInput(0, Integer.MAX_VALUE, false) {
            @Override
            void beforeReturning(int index) throws InterruptedException {
                Thread.sleep(2);
            }
        };
        RecordingOutput out = new RecordingOutput();
        Emitter emitter = new Emitter(List.of(new Source(endless, stats.stage("in"))),
                List.of(new Sink(out, stats.stage("out"))), relay(relay), EmitterOptions.DEFAULTS, log);

        emitter.run();

        assertThat(out.messages()).hasSize(5);
        assertThat(out.closed()).isTrue();
        assertThat(relay.closes).isEqualTo(1);
    }

    @Test
    void aRelayThatNeverAnswersHoldsTheEndOnlyForItsLongestWait() throws Exception {
        QueueRelay relay = new QueueRelay(m -> false, 0, Integer.MAX_VALUE);
        RecordingOutput out = new RecordingOutput();
        ReplayingOutput replay = new ReplayingOutput(); // a feedback output: its replies would go through the relay
        Relay silent = new Relay(new Sink(relay, stats.stage("middleware")), new Source(relay.input, stats.stage("back")),
                Duration.ofMillis(50), Duration.ofMillis(400));
        Emitter emitter = new Emitter(
                List.of(new Source(new ListInput(0, 10, false), stats.stage("in")), new Source(replay, stats.stage("replies"))),
                List.of(new Sink(out, stats.stage("out")), new Sink(replay, stats.stage("replay"))), silent,
                EmitterOptions.DEFAULTS, log);
        long start = System.nanoTime();

        emitter.run();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
        assertThat(out.messages()).isEmpty();
        assertThat(out.closed()).isTrue();
    }

    @Test
    void withoutAFeedbackOutputTheEndDoesNotWaitForTheRelayToFallQuiet() throws Exception {
        // a relay that answers late: what it returns after the input ended still reaches the output,
        // which closes only after the relay's input ended; a quiet time of a minute is never waited for
        QueueRelay relay = new QueueRelay(m -> true, 5, Integer.MAX_VALUE);
        RecordingOutput out = new RecordingOutput();
        Relay slow = new Relay(new Sink(relay, stats.stage("middleware")), new Source(relay.input, stats.stage("back")),
                Duration.ofSeconds(60), Duration.ofSeconds(120));
        Emitter emitter = new Emitter(List.of(new Source(new ListInput(0, 20, false), stats.stage("in"))),
                List.of(new Sink(out, stats.stage("out"))), slow, EmitterOptions.DEFAULTS, log);
        long start = System.nanoTime();

        emitter.run();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(out.messages()).extracting(TestMessages::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(out.closedWith()).isEqualTo(20);
        assertThat(stats.droppedTotal()).isZero();
    }
}
