package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Stats;

import dev.shadowtap.core.StageStats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class EmitterTest {
    private final Stats stats = new Stats();
    private final LineLog log = new LineLog();

    private Source source(String name, Input input) {
        return new Source(input, stats.stage(name));
    }

    private Sink sink(String name, Output output) {
        return new Sink(output, stats.stage(name));
    }

    private static List<Integer> numbers(RecordingOutput output) {
        return output.messages().stream().map(TestMessages::number).toList();
    }

    @Test
    void copiesEveryMessageOfEveryInputToEveryOutput() throws Exception {
        RecordingOutput a = new RecordingOutput();
        RecordingOutput b = new RecordingOutput();
        RecordingOutput c = new RecordingOutput();
        Emitter emitter = new Emitter(
                List.of(source("in-1", new ListInput(0, 100, false)), source("in-2", new ListInput(1000, 100, false))),
                List.of(sink("a", a), sink("b", b), sink("c", c)), EmitterOptions.DEFAULTS, log);

        EmitterSummary summary = emitter.run();

        List<Integer> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        expected.addAll(IntStream.range(1000, 1100).boxed().toList());
        for (RecordingOutput output : List.of(a, b, c)) {
            assertThat(numbers(output)).containsExactlyInAnyOrderElementsOf(expected);
            // each input's messages keep their order
            assertThat(numbers(output).stream().filter(n -> n < 1000).toList()).isSorted();
            assertThat(output.closeCount()).isEqualTo(1);
            assertThat(output.closedWith()).isEqualTo(200);
        }
        assertThat(summary.inputs()).extracting(StageStats.Snapshot::messages).containsExactly(100L, 100L);
        assertThat(summary.outputs()).extracting(StageStats.Snapshot::messages).containsExactly(200L, 200L, 200L);
        assertThat(summary.droppedTotal()).isZero();
    }

    @Test
    void splitOutputSendsEachMessageToOneOutputInTurn() throws Exception {
        RecordingOutput a = new RecordingOutput();
        RecordingOutput b = new RecordingOutput();
        RecordingOutput c = new RecordingOutput();
        Emitter emitter = new Emitter(List.of(source("in", new ListInput(0, 90, false))),
                List.of(sink("a", a), sink("b", b), sink("c", c)), EmitterOptions.DEFAULTS.withSplitOutput(true), log);

        emitter.run();

        assertThat(numbers(a)).isEqualTo(IntStream.range(0, 30).map(i -> 3 * i).boxed().toList());
        assertThat(numbers(b)).isEqualTo(IntStream.range(0, 30).map(i -> 3 * i + 1).boxed().toList());
        assertThat(numbers(c)).isEqualTo(IntStream.range(0, 30).map(i -> 3 * i + 2).boxed().toList());
    }

    @Test
    void aSlowOutputMakesAFileInputWaitAndNothingIsLost() throws Exception {
        AtomicInteger maxDepth = new AtomicInteger();
        StageStats slowStats = stats.stage("slow");
        RecordingOutput slow = new RecordingOutput() {
            @Override
            public void write(Message message) throws IOException, InterruptedException {
                maxDepth.accumulateAndGet((int) slowStats.snapshot().queueDepth(), Math::max);
                Thread.sleep(1);
                super.write(message);
            }
        };
        RecordingOutput fast = new RecordingOutput();
        ListInput input = new ListInput(0, 300, false);
        Emitter emitter = new Emitter(List.of(source("file", input)),
                List.of(new Sink(slow, slowStats), sink("fast", fast)), EmitterOptions.DEFAULTS.withQueueCapacity(4), log);

        EmitterSummary summary = emitter.run();

        assertThat(numbers(slow)).isEqualTo(IntStream.range(0, 300).boxed().toList());
        assertThat(numbers(fast)).isEqualTo(IntStream.range(0, 300).boxed().toList());
        assertThat(maxDepth.get()).isBetween(1, 4);
        assertThat(summary.droppedTotal()).isZero();
    }

    @Test
    void aLiveInputDropsWhatAFullQueueCannotTakeAndCountsItExactly() throws Exception {
        HeldOutput held = new HeldOutput();
        RecordingOutput blocked = held.output();
        RecordingOutput other = new RecordingOutput();
        StageStats blockedStats = stats.stage("blocked");
        // the output is released only once the input has offered all 100: 1 in write, 10 queued, 89 dropped
        ListInput paced = held.input(100);
        Emitter emitter = new Emitter(List.of(source("capture", paced)),
                List.of(new Sink(blocked, blockedStats), sink("other", other)), EmitterOptions.DEFAULTS.withQueueCapacity(10), log);

        emitter.run();

        assertThat(numbers(blocked)).isEqualTo(IntStream.range(0, 11).boxed().toList());
        assertThat(blockedStats.dropped(Reason.QUEUE_FULL)).isEqualTo(89);
        assertThat(blockedStats.droppedTotal()).isEqualTo(89);
        StageStats otherStats = stats.stages().stream().filter(st -> st.name().equals("other")).findFirst().orElseThrow();
        assertThat(other.messages().size() + otherStats.dropped(Reason.QUEUE_FULL)).isEqualTo(100); // it drops on its own
        assertThat(paced.live()).isTrue();
    }

    @Test
    void aLiveInputWithMessagesAtHandHandsThemOnInBatchesInOrderAndCountsDropsExactly() throws Exception {
        HeldOutput held = new HeldOutput();
        RecordingOutput blocked = held.output();
        RecordingOutput other = new RecordingOutput();
        StageStats blockedStats = stats.stage("blocked");
        StageStats otherStats = stats.stage("other");
        ListInput paced = held.input(1000);
        // request 0 goes alone (the output is held in its write, which request 1 waits for); then
        // every message but the last is at hand: the emitter hands them on in batches of up to 64
        Input atHand = new Input() {
            @Override
            public Message read() throws InterruptedException {
                return paced.read();
            }

            @Override
            public boolean ready() {
                return paced.left() > 1 && paced.left() < 999;
            }

            @Override
            public boolean live() {
                return true;
            }
        };
        Emitter emitter = new Emitter(List.of(source("capture", atHand)),
                List.of(new Sink(blocked, blockedStats), new Sink(other, otherStats)),
                EmitterOptions.DEFAULTS.withQueueCapacity(100), log);

        EmitterSummary summary = emitter.run();

        // held in the write of request 0 until all were offered: 100 queued behind it, the rest dropped
        assertThat(numbers(blocked)).isEqualTo(IntStream.range(0, 101).boxed().toList());
        assertThat(blockedStats.dropped(Reason.QUEUE_FULL)).isEqualTo(899);
        List<Integer> got = numbers(other);
        assertThat(got).isSorted().doesNotHaveDuplicates();
        assertThat(got.size() + otherStats.dropped(Reason.QUEUE_FULL)).isEqualTo(1000);
        assertThat(summary.droppedTotal()).isEqualTo(899 + otherStats.dropped(Reason.QUEUE_FULL));
    }

    @Test
    void aQueueIsBoundedInBytesTooWhateverItsMessageCount() throws Exception {
        HeldOutput held = new HeldOutput();
        RecordingOutput blocked = held.output();
        StageStats blockedStats = stats.stage("blocked");
        ListInput paced = held.input(100);
        // room for 1,000 messages but 290 bytes: requests 0-9 take 28 bytes each (the one being written
        // still holds its share), 10 and later take 29 and no longer fit
        Emitter emitter = new Emitter(List.of(source("capture", paced)), List.of(new Sink(blocked, blockedStats)),
                new EmitterOptions(false, 1000, EmitterOptions.DEFAULT_MAX_LOGGED_ERRORS, 290), log);

        emitter.run();

        assertThat(numbers(blocked)).isEqualTo(IntStream.range(0, 10).boxed().toList());
        assertThat(blockedStats.dropped(Reason.QUEUE_FULL)).isEqualTo(90);
    }

    @Test
    void runReturnsOnceFiniteInputsEndWithEveryOutputClosedAfterItsLastWrite() throws Exception {
        RecordingOutput slow = new RecordingOutput() {
            @Override
            public void write(Message message) throws IOException, InterruptedException {
                Thread.sleep(2);
                super.write(message);
            }
        };
        Emitter emitter = new Emitter(List.of(source("in", new ListInput(0, 50, false))),
                List.of(sink("slow", slow)), EmitterOptions.DEFAULTS, log);

        emitter.run();

        assertThat(slow.closed()).isTrue();
        assertThat(slow.closedWith()).isEqualTo(50);
        assertThat(emitter.awaitTermination(Duration.ZERO)).isTrue();
    }

    @Test
    void stopFromAnotherThreadEndsAnEndlessInputPromptlyWithoutLosingWhatWasRead() throws Exception {
        Input endless = new Input() {
            private final AtomicInteger n = new AtomicInteger();
            private volatile boolean closed;

            @Override
            public Message read() throws InterruptedException {
                Thread.sleep(1);
                return closed ? null : TestMessages.request(n.getAndIncrement());
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        RecordingOutput out = new RecordingOutput();
        StageStats inStats = stats.stage("endless");
        Emitter emitter = new Emitter(List.of(new Source(endless, inStats)), List.of(sink("out", out)),
                EmitterOptions.DEFAULTS.withQueueCapacity(8), log);
        AtomicReference<EmitterSummary> summary = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                summary.set(emitter.run());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(emitter.awaitTermination(Duration.ofMillis(10))).isFalse();

        long stopped = System.nanoTime();
        emitter.stop();
        assertThat(emitter.awaitTermination(Duration.ofSeconds(2))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(1));
        runner.join();

        assertThat(out.closed()).isTrue();
        assertThat(inStats.messages()).isPositive();
        assertThat(numbers(out)).isEqualTo(IntStream.range(0, (int) inStats.messages()).boxed().toList());
        assertThat(summary.get().droppedTotal()).isZero();
        assertThatThrownBy(() -> emitter.addInput(source("late", new ListInput(0, 1, false))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writeErrorsAreLoggedNamingTheOutputCountedAndTheRunGoesOn() throws Exception {
        RecordingOutput flaky = new RecordingOutput() {
            @Override
            public void write(Message message) throws IOException, InterruptedException {
                if (TestMessages.number(message) % 3 == 0) {
                    throw new IOException("connection refused");
                }
                super.write(message);
            }
        };
        RecordingOutput healthy = new RecordingOutput();
        StageStats flakyStats = stats.stage("output-http localhost:1");
        Emitter emitter = new Emitter(List.of(source("in", new ListInput(0, 100, false))),
                List.of(new Sink(flaky, flakyStats), sink("healthy", healthy)),
                new EmitterOptions(false, 16, 5), log);

        emitter.run();

        assertThat(flakyStats.dropped(Reason.WRITE_ERROR)).isEqualTo(34);
        assertThat(flakyStats.messages()).isEqualTo(66);
        assertThat(flaky.messages()).hasSize(66);
        assertThat(healthy.messages()).hasSize(100);
        List<String> warnings = log.lines().stream().filter(l -> l.startsWith("warn: ")).toList();
        assertThat(warnings).hasSize(5)
                .allMatch(l -> l.startsWith("warn: output output-http localhost:1: write failed: connection refused"));
        assertThat(warnings.getLast()).contains("further write errors on this output are only counted");
    }

    @Test
    void aWriteFailureIsSaidInWordsNeverByTheNameOfTheJavaException() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("emitter-closed", ".gor");
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE);
        channel.close(); // every write now fails with the JDK's ClosedChannelException, which has no message
        Output closed = new Output() {
            @Override
            public void write(Message message) throws IOException {
                channel.write(java.nio.ByteBuffer.wrap(message.payload()));
            }

            @Override
            public void close() {
            }
        };
        try {
            new Emitter(List.of(source("in", new ListInput(0, 3, false))), List.of(sink("output-file x", closed)),
                    new EmitterOptions(false, 16, 5), log).run();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }

        assertThat(log.lines().stream().filter(l -> l.startsWith("warn: ")).toList()).hasSize(3)
                .allMatch(l -> l.equals("warn: output output-file x: write failed: closed"));
    }

    @Test
    void anOutputThatIsGoneHasItsMessagesCountedAsOutputGoneWithoutALineEach() throws Exception {
        RecordingOutput closedPipe = new RecordingOutput() {
            @Override
            public void write(Message message) throws IOException, InterruptedException {
                if (TestMessages.number(message) >= 40) {
                    throw new OutputGoneException("stdout is closed");
                }
                super.write(message);
            }
        };
        RecordingOutput healthy = new RecordingOutput();
        StageStats gone = stats.stage("output-stdout");
        Emitter emitter = new Emitter(List.of(source("in", new ListInput(0, 100, false))),
                List.of(new Sink(closedPipe, gone), sink("healthy", healthy)), new EmitterOptions(false, 16, 5), log);

        emitter.run();

        assertThat(gone.dropped(Reason.OUTPUT_GONE)).isEqualTo(60);
        assertThat(gone.dropped(Reason.WRITE_ERROR)).isZero();
        assertThat(gone.messages()).isEqualTo(40);
        assertThat(healthy.messages()).hasSize(100);
        assertThat(log.lines()).noneMatch(l -> l.startsWith("warn: "));
    }

    @Test
    void aReplayOutputsRepliesReachTheOtherOutputsBeforeTheyClose() throws Exception {
        ReplayingOutput replay = new ReplayingOutput();
        RecordingOutput file = new RecordingOutput();
        StageStats replayStats = stats.stage("output-http");
        Emitter emitter = new Emitter(List.of(source("in", new ListInput(0, 50, false))),
                List.of(new Sink(replay, replayStats), sink("file", file)), EmitterOptions.DEFAULTS.withQueueCapacity(4), log);
        emitter.addInput(new Source(replay, stats.stage("replies")));

        emitter.run();

        assertThat(replay.messages()).hasSize(50).allMatch(Message::isRequest);
        assertThat(file.messages()).hasSize(100);
        assertThat(file.messages().stream().filter(m -> m.type() == MessageType.REPLAYED)).hasSize(50);
        assertThat(file.closedWith()).isEqualTo(100);
    }

    @Test
    void aWrappedReplayOutputNamesItsRepliesInTheSink() throws Exception {
        ReplayingOutput replay = new ReplayingOutput();
        RecordingOutput file = new RecordingOutput();
        StageStats limitStats = stats.stage("output-http limit");
        Output limited = new LimitedOutput(replay, new Limiter(new Limit.PerSecond(1_000_000), limitStats,
                new java.util.SplittableRandom(1), System::nanoTime));
        Emitter emitter = new Emitter(
                List.of(source("in", new ListInput(0, 20, false)), source("replies", replay)),
                List.of(new Sink(limited, stats.stage("output-http"), replay), sink("file", file)),
                EmitterOptions.DEFAULTS, log);

        emitter.run();

        assertThat(replay.messages()).hasSize(20);
        assertThat(file.messages().stream().filter(m -> m.type() == MessageType.REPLAYED)).hasSize(20);
        assertThat(file.closedWith()).isEqualTo(40);
    }

    @Test
    void interruptingRunStopsButStillEmptiesAndClosesTheOutputs() throws Exception {
        ListInput endless = new ListInput(0, Integer.MAX_VALUE, false) {
            @Override
            void beforeReturning(int index) throws InterruptedException {
                Thread.sleep(1);
            }
        };
        RecordingOutput out = new RecordingOutput();
        StageStats inStats = stats.stage("endless");
        Emitter emitter = new Emitter(List.of(new Source(endless, inStats)), List.of(sink("out", out)),
                EmitterOptions.DEFAULTS, log);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                emitter.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(100);
        runner.interrupt();
        runner.join(5_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(out.closed()).isTrue();
        assertThat((long) out.closedWith()).isEqualTo(inStats.messages()).isPositive();
    }

    @Test
    void anInputThatFailsIsLoggedByNameAndEndsWhileTheOthersGoOn() throws Exception {
        Input broken = new Input() {
            private int n;

            @Override
            public Message read() throws IOException {
                if (n == 5) {
                    throw new IOException("requests.gor: offset 812: bad record header");
                }
                return TestMessages.request(n++);
            }
        };
        RecordingOutput out = new RecordingOutput();
        Emitter emitter = new Emitter(List.of(source("input-file requests.gor", broken), source("ok", new ListInput(100, 5, false))),
                List.of(sink("out", out)), EmitterOptions.DEFAULTS, log);

        emitter.run();

        assertThat(out.messages()).hasSize(10);
        assertThat(log.lines()).containsExactly(
                "warn: input input-file requests.gor: read failed, input stopped: requests.gor: offset 812: bad record header");
    }

    @Test
    void anInputAddedWhileRunningIsCopiedToo() throws Exception {
        CountDownLatch added = new CountDownLatch(1);
        ListInput first = new ListInput(0, 10, false) {
            @Override
            void beforeReturning(int index) throws InterruptedException {
                if (index == 9) {
                    assertThat(added.await(5, TimeUnit.SECONDS)).isTrue();
                }
            }
        };
        RecordingOutput out = new RecordingOutput();
        Emitter emitter = new Emitter(List.of(source("first", first)), List.of(sink("out", out)), EmitterOptions.DEFAULTS, log);
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                emitter.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        emitter.addInput(source("second", new ListInput(100, 10, false)));
        added.countDown();
        runner.join();

        assertThat(numbers(out)).containsExactlyInAnyOrderElementsOf(
                IntStream.concat(IntStream.range(0, 10), IntStream.range(100, 110)).boxed().toList());
    }
}
