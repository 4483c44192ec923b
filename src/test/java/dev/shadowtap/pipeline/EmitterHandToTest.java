package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live input that hands its batches on itself ({@link Input#handTo}, the live capture's way): every
 * message reaches every output in order, counted as read by the input, with no message taken through
 * {@link Input#read()}, and the run ends when the input says it has ended.
 */
// an emitter that ignored handTo would wait for read() forever, uninterruptibly: a thread of its own ends the test
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EmitterHandToTest {
    private final Stats stats = new Stats();

    /** Pushes {@code count} numbered requests in batches of {@code batch} on a thread of its own. */
    private static final class PushingInput implements Input {
        private final int count;
        private final int batch;
        private final CountDownLatch ended = new CountDownLatch(1);
        final AtomicInteger readMessages = new AtomicInteger();
        volatile boolean handed;

        PushingInput(int count, int batch) {
            this.count = count;
            this.batch = batch;
        }

        @Override
        public boolean handTo(Consumer<List<Message>> downstream) {
            handed = true;
            Thread.ofPlatform().start(() -> {
                List<Message> list = new ArrayList<>();
                for (int n = 0; n < count; n++) {
                    list.add(TestMessages.request(n));
                    if (list.size() == batch || n == count - 1) {
                        downstream.accept(list);
                        assertThat(list).as("downstream empties what it is given").isEmpty();
                    }
                }
                ended.countDown();
            });
            return true;
        }

        @Override
        public Message read() throws InterruptedException {
            ended.await();
            return null;
        }

        @Override
        public boolean live() {
            return true;
        }
    }

    @Test
    void aLiveInputThatHandsItsBatchesOnReachesEveryOutputInOrderWithoutTheReadersQueue() throws Exception {
        PushingInput input = new PushingInput(1_000, 37);
        RecordingOutput one = new RecordingOutput();
        RecordingOutput two = new RecordingOutput();
        StageStats read = stats.stage("capture");
        Emitter emitter = new Emitter(List.of(new Source(input, read)),
                List.of(new Sink(one, stats.stage("one")), new Sink(two, stats.stage("two"))),
                EmitterOptions.DEFAULTS.withQueueCapacity(2_000), new LineLog());

        EmitterSummary summary = emitter.run();

        List<Integer> all = IntStream.range(0, 1_000).boxed().toList();
        assertThat(input.handed).isTrue();
        assertThat(one.messages().stream().map(TestMessages::number).toList()).isEqualTo(all);
        assertThat(two.messages().stream().map(TestMessages::number).toList()).isEqualTo(all);
        assertThat(read.snapshot().messages()).isEqualTo(1_000);
        assertThat(summary.droppedTotal()).isZero();
        assertThat(one.closedWith()).isEqualTo(1_000);
    }

    @Test
    void whatAFullOutputCannotTakeIsCountedThereAndNeverWaitedFor() throws Exception {
        PushingInput input = new PushingInput(500, 50);
        RecordingOutput held = new RecordingOutput() {
            @Override
            public void write(Message message) throws java.io.IOException, InterruptedException {
                input.ended.await(); // held until the whole input was handed on
                super.write(message);
            }
        };
        StageStats blocked = stats.stage("blocked");
        Emitter emitter = new Emitter(List.of(new Source(input, stats.stage("capture"))),
                List.of(new Sink(held, blocked)), EmitterOptions.DEFAULTS.withQueueCapacity(10), new LineLog());

        emitter.run();

        assertThat(held.messages().size() + blocked.dropped(Reason.QUEUE_FULL)).isEqualTo(500);
        // at most a queue of 10 waits and a batch of 10 is in the worker's hands: the rest was dropped, not waited for
        assertThat(blocked.dropped(Reason.QUEUE_FULL)).isGreaterThanOrEqualTo(500 - 2 * 10);
    }

    /**
     * A filter or a limit around a live input keeps its step off that input's thread: it does not ask the
     * input to hand its batches on, and is read as before (the capture thread only drains its ring).
     */
    @Test
    void aFilteredOrLimitedLiveInputIsReadNotHandedOn() throws Exception {
        PushingInput pushing = new PushingInput(10, 5);
        Input filtered = new LimitedInput(new TransformedInput(pushing, m -> m),
                Limiter.of(new Limit.Percent(50), stats.stage("limit")));
        assertThat(filtered.handTo(batch -> { throw new AssertionError("never handed"); })).isFalse();
        assertThat(pushing.handed).isFalse();

        Input plain = new TransformedInput(new ListInput(0, 10, true), m -> TestMessages.number(m) < 5 ? m : null);
        RecordingOutput one = new RecordingOutput();
        new Emitter(List.of(new Source(plain, stats.stage("read"))), List.of(new Sink(one, stats.stage("one"))),
                EmitterOptions.DEFAULTS, new LineLog()).run();
        assertThat(one.messages().stream().map(TestMessages::number).toList()).containsExactly(0, 1, 2, 3, 4);
    }
}
