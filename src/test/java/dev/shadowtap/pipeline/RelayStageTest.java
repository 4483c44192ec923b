package dev.shadowtap.pipeline;

import dev.shadowtap.core.Stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the relay counts as settled: the wait ends on the relay's own signals (its end, its worker
 * falling idle) or once nothing went in or out for its quiet time, not on a poll's next look.
 */
@Timeout(30)
class RelayStageTest {
    private final Stats stats = new Stats();
    private final LineLog log = new LineLog();
    private final List<Message> returned = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * A middleware in miniature: what it is written comes back, once {@code gate} opens and
     * {@code delayMs} later; closing it ends its input.
     */
    private static final class EchoRelay implements Output {
        private static final Message END = TestMessages.request(-1);
        final LinkedBlockingQueue<Message> back = new LinkedBlockingQueue<>();
        final CountDownLatch gate;
        final long delayMs;

        EchoRelay(CountDownLatch gate, long delayMs) {
            this.gate = gate;
            this.delayMs = delayMs;
        }

        @Override
        public void write(Message message) throws InterruptedException {
            gate.await();
            Thread.sleep(delayMs);
            back.put(message);
        }

        @Override
        public void close() {
            back.add(END);
        }

        final Input input = () -> {
            Message m = back.take();
            return m == END ? null : m;
        };
    }

    private RelayStage started(EchoRelay echo, Duration quiet, Duration maxWait) {
        Relay relay = new Relay(new Sink(echo, stats.stage("middleware")), new Source(echo.input, stats.stage("back")),
                quiet, maxWait);
        RelayStage stage = new RelayStage(relay, EmitterOptions.DEFAULTS, log);
        stage.start(returned::add, ended::countDown);
        return stage;
    }

    @Test
    void settlesOnceNothingWentInOrOutForTheQuietTime() throws Exception {
        RelayStage stage = started(new EchoRelay(new CountDownLatch(0), 0), Duration.ofMillis(200), Duration.ofSeconds(20));
        long before = System.nanoTime();
        stage.offer(TestMessages.request(1), true, false);

        stage.awaitSettled();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
        assertThat(returned).extracting(TestMessages::number).containsExactly(1);
        stage.closeOutput();
        stage.awaitEnd();
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRelayStillWritingHasNotSettledAndItsFallingIdleWakesTheWait() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RelayStage stage = started(new EchoRelay(gate, 200), Duration.ofMillis(50), Duration.ofSeconds(20));
        stage.offer(TestMessages.request(1), true, false);
        // queued behind the write held at the gate: the relay answers 1 while still writing 2
        stage.offer(TestMessages.request(2), true, false);
        long before = System.nanoTime();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            gate.countDown();
        });

        stage.awaitSettled();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(10));
        assertThat(returned).extracting(TestMessages::number).containsExactly(1, 2);
        stage.closeOutput();
        stage.awaitEnd();
    }

    @Test
    void theEndOfTheRelaysInputEndsTheWaitAtOnce() throws Exception {
        EchoRelay silent = new EchoRelay(new CountDownLatch(0), 0);
        RelayStage stage = started(silent, Duration.ofMillis(50), Duration.ofSeconds(20));
        long before = System.nanoTime();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            silent.close(); // the middleware exits without a word
        });

        stage.awaitSettled();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(returned).isEmpty();
        stage.closeOutput();
    }
}
