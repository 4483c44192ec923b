package dev.shadowtap.middleware;

import dev.shadowtap.middleware.ffi.PipeSize;
import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Emitter;
import dev.shadowtap.pipeline.EmitterOptions;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.Relay;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real middleware programs (the shipped examples and misbehaving ones) inside a real emitter. */
@Timeout(60)
class MiddlewareTest {
    private static final String RES = "src/test/resources/middleware/";
    private final Stats stats = new Stats();
    private final Fixtures.Lines log = new Fixtures.Lines();
    private Middleware middleware;

    private MiddlewareConfig config(String command) {
        return MiddlewareConfig.of(command, 5 << 20);
    }

    /** Runs {@code input} through the program into {@code out}; also {@code more} outputs. */
    private void run(MiddlewareConfig config, Input input, Output out, Sink... more)
            throws IOException, InterruptedException {
        run(config, EmitterOptions.DEFAULTS, input, out, more);
    }

    private void run(MiddlewareConfig config, EmitterOptions options, Input input, Output out, Sink... more)
            throws IOException, InterruptedException {
        middleware = Middleware.start(config, stats.stage("middleware"), log);
        Relay relay = new Relay(new Sink(middleware.requests(), middleware.stats()),
                new Source(middleware.replies(), stats.stage("middleware-returned")), config.quiet(), config.timeout());
        List<Sink> sinks = new ArrayList<>(List.of(new Sink(out, stats.stage("out"))));
        List<Source> sources = new ArrayList<>(List.of(new Source(input, stats.stage("in"))));
        for (Sink sink : more) {
            sinks.add(sink);
            sources.add(new Source(sink.replies(), stats.stage("replies")));
        }
        try {
            new Emitter(sources, sinks, relay, options, log).run();
        } finally {
            middleware.close();
        }
    }

    private StageStats stage(String name) {
        return stats.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static String command(String example) {
        String path = "examples/middleware/" + example;
        return switch (example.substring(example.lastIndexOf('.') + 1)) {
            case "py" -> "python3 " + path;
            case "js" -> "node " + path;
            case "java" -> Fixtures.java() + " " + path;
            default -> path;
        };
    }

    private static void assumeInterpreter(String example) {
        if (example.endsWith(".py")) {
            assumeTrue(Fixtures.onPath("python3"), "python3 is not on the PATH: " + example + " not run");
        } else if (example.endsWith(".js")) {
            assumeTrue(Fixtures.onPath("node"), "node is not on the PATH: " + example + " not run");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo.sh", "echo.py", "echo.js", "Echo.java"})
    void everyEchoExampleGivesBackEveryMessageByteForByte(String example) throws Exception {
        assumeInterpreter(example);
        List<Message> sent = Fixtures.messages(40, 3000, 7);
        Fixtures.Recording out = new Fixtures.Recording();

        run(config(command(example)), new Fixtures.ListInput(sent, Duration.ZERO), out);

        assertThat(out.messages).containsExactlyElementsOf(sent);
        assertThat(middleware.sent()).isEqualTo(40);
        assertThat(middleware.returned()).isEqualTo(40);
        assertThat(stage("middleware").messages()).isEqualTo(40);
        assertThat(stage("middleware-returned").messages()).isEqualTo(40);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(middleware.failure()).isEmpty();
        assertThat(log.lines).isEmpty();
    }

    /**
     * The input gives the next message only once the last one came back out of the program, which
     * answers each line before it reads the next (echo.sh: a shell `read` loop): a line held in
     * shadowtap's write buffer would stop both for good. Lines of every size around the buffers'.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cat", "echo.sh"})
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, not hangs
    void aProgramAnsweringLineByLineGetsEachLineWhileTheInputWaitsForItsAnswer(String program) throws Exception {
        List<Message> sent = new ArrayList<>(Fixtures.messages(8, 200, 17));
        int[] lengths = {0, 1, 32_767, 32_768, 32_769, 65_536, 131_071, 140_000};
        for (int i = 0; i < lengths.length; i++) {
            byte[] payload = new byte[lengths[i]];
            new java.util.Random(i).nextBytes(payload);
            sent.set(i, sent.get(i).withPayload(payload));
        }
        java.util.concurrent.Semaphore answered = new java.util.concurrent.Semaphore(0);
        List<Message> came = new java.util.concurrent.CopyOnWriteArrayList<>();
        Output counting = message -> {
            came.add(message);
            answered.release();
        };
        Input lockstep = new Fixtures.ListInput(sent, Duration.ZERO) {
            private int given;

            @Override
            public Message read() throws InterruptedException {
                if (given > 0) {
                    answered.acquire();
                }
                Message m = super.read();
                given++;
                return m;
            }
        };
        String command = program.equals("cat") ? "cat" : command(program);

        run(config(command), lockstep, counting);

        assertThat(came).containsExactlyElementsOf(sent);
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void aPayloadOfSeveralMegabytesUnderTheCopyBufferSizeComesBackWhole() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(3, 10, 1);
        byte[] big = new byte[3 << 20];
        new java.util.Random(3).nextBytes(big);
        sent = List.of(sent.get(0), sent.get(1).withPayload(big), sent.get(2));
        Fixtures.Recording out = new Fixtures.Recording();

        run(config(command("echo.py")), new Fixtures.ListInput(sent, Duration.ZERO), out);

        assertThat(out.messages).hasSize(3);
        assertThat(Arrays.equals(out.messages.get(1).payload(), big)).isTrue();
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void repliesOfAFeedbackOutputReachTheMiddlewareAfterTheInputEndedAndComeBackToTheOutputs() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(60, 500, 11);
        Fixtures.Recording out = new Fixtures.Recording();
        Fixtures.Answering replay = new Fixtures.Answering();
        Input replies = replay.replies();

        run(config(command("echo.py")), new Fixtures.ListInput(sent, Duration.ZERO), out,
                new Sink(replay, stats.stage("replay"), replies));

        assertThat(replay.requests).hasSize(30);
        List<Message> replayed = out.messages.stream().filter(m -> m.type() == MessageType.REPLAYED).toList();
        assertThat(replayed).hasSize(30);
        assertThat(replayed).extracting(Message::id)
                .containsExactlyInAnyOrderElementsOf(sent.stream().filter(Message::isRequest).map(Message::id).toList());
        assertThat(out.messages).hasSize(90);
        assertThat(middleware.sent()).isEqualTo(90);
        assertThat(middleware.returned()).isEqualTo(90);
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void fullQueuesEverywhereDoNotDeadlockTheLoopThroughTheMiddlewareAndTheReplayOutput() throws Exception {
        // Lines of ~40 KB fill the pipes at once; queues of 2 and a replay output that holds at most 2
        // unread replies: every queue of the loop stdout -> replay -> replies -> stdin is full often.
        List<Message> sent = Fixtures.messages(300, 20_000, 13).stream().filter(Message::isRequest).toList();
        Fixtures.Recording out = new Fixtures.Recording();
        Fixtures.Answering replay = new Fixtures.Answering(2);
        Input replies = replay.replies();

        run(config("cat"), EmitterOptions.DEFAULTS.withQueueCapacity(2), new Fixtures.ListInput(sent, Duration.ZERO), out,
                new Sink(replay, stats.stage("replay"), replies));

        assertThat(replay.requests).hasSize(150);
        assertThat(out.messages.stream().filter(m -> m.type() == MessageType.REPLAYED)).hasSize(150);
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void badLinesAreLoggedWithTheirNumberCountedByReasonAndSkipped() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(12, 100, 5);
        Fixtures.Recording out = new Fixtures.Recording();
        String cmd = "python3 " + RES + "garbage.py";

        run(config(cmd), new Fixtures.ListInput(sent, Duration.ZERO), out);

        assertThat(out.messages).containsExactlyElementsOf(sent);
        assertThat(stage("middleware").dropped(Reason.BAD_HEX)).isEqualTo(12);
        assertThat(stage("middleware").dropped(Reason.ODD_LENGTH)).isEqualTo(12);
        assertThat(stage("middleware").dropped(Reason.BAD_HEADER)).isEqualTo(12);
        assertThat(stage("middleware").droppedTotal()).isEqualTo(36);
        List<String> warned = log.matching(": stdout line ");
        assertThat(warned).hasSize(MiddlewareConfig.DEFAULT_MAX_LOGGED_LINES);
        assertThat(warned.get(0)).isEqualTo("warn: middleware `" + cmd + "`: stdout line 1: not hex at column 1 "
                + "(\"hello, this is not hex at all\"); skipped");
        assertThat(warned.get(1)).isEqualTo("warn: middleware `" + cmd + "`: stdout line 2: odd number of hex digits (3) "
                + "(\"abc\"); skipped");
        assertThat(warned.get(2)).startsWith("warn: middleware `" + cmd + "`: stdout line 3: bad header line (\"39206e6f6e");
        assertThat(warned.get(9)).endsWith("; skipped (further bad lines are only counted)");
        assertThat(middleware.failure()).isEmpty();
    }

    @Test
    void aPayloadOverTheCopyBufferSizeIsCountedTooLargeWithoutBeingHeldWhole() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(4, 100, 9);
        Fixtures.Recording out = new Fixtures.Recording();
        String cmd = "python3 " + RES + "huge.py 300000";

        run(MiddlewareConfig.of(cmd, 100_000), new Fixtures.ListInput(sent, Duration.ZERO), out);

        assertThat(out.messages).containsExactlyElementsOf(sent);
        assertThat(stage("middleware").dropped(Reason.TOO_LARGE)).isEqualTo(4);
        assertThat(stage("middleware").droppedTotal()).isEqualTo(4);
        assertThat(log.matching("stdout line 1: line of ")).singleElement().asString()
                .contains("is over the limit for 100000-byte payloads (--copy-buffer-size)");
    }

    @Test
    void aProgramThatExitsWhileRunningStopsTheRunInOneLine() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(10, 100, 3);
        Fixtures.Recording out = new Fixtures.Recording();
        String cmd = "python3 " + RES + "exit_after.py 3 3";
        long start = System.nanoTime();

        run(config(cmd), new Fixtures.ListInput(sent, Duration.ofMillis(300)), out);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        // What was written to its stdin before it exited (an interpreter that starts slowly finds
        // more than 3 messages waiting), and exactly the 3 it gave back.
        assertThat(middleware.sent()).isBetween(3L, 10L);
        String line = "middleware `" + cmd + "` exited with status 3 after being sent " + middleware.sent()
                + " messages (3 returned); pipeline stopped";
        assertThat(middleware.failure()).contains(line);
        assertThat(log.matching("middleware `")).containsExactly("warn: " + line);
        assertThat(log.lines).contains("[middleware] leaving after 3");
        assertThat(out.messages).containsExactlyElementsOf(sent.subList(0, 3));
        assertThat(middleware.returned()).isEqualTo(3);
    }

    @Test
    void anExitWhileTheRunIsStoppingIsReportedButIsNoFailure() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(10, 100, 3);
        Fixtures.Recording out = new Fixtures.Recording();
        String cmd = "python3 " + RES + "exit_after.py 3 0";
        Fixtures.ListInput input = new Fixtures.ListInput(sent, Duration.ofMillis(300)) {
            @Override
            public Message read() throws InterruptedException {
                Message m = super.read();
                if (m == sent.get(2)) {
                    middleware.stopping(); // as a signal would, just before the program leaves
                }
                return m;
            }
        };

        run(config(cmd), input, out);

        assertThat(middleware.failure()).isEmpty();
        assertThat(log.matching("middleware `")).singleElement().asString()
                .startsWith("warn: middleware `" + cmd + "` exited with status 0 while shadowtap was stopping, after being sent ")
                .endsWith(" messages (3 returned)");
        assertThat(out.messages).containsExactlyElementsOf(sent.subList(0, 3));
    }

    @Test
    void aProgramThatStopsReadingItsInputStopsTheRunAfterTheTimeout() throws Exception {
        assumeInterpreter(".py");
        // each line (2 MB of hex) is more than the program's 1 MB pipe holds
        List<Message> sent = Fixtures.messages(3, 10, 3).stream().map(m -> m.withPayload(new byte[1_000_000])).toList();
        Fixtures.Recording out = new Fixtures.Recording();
        String cmd = "python3 " + RES + "hang.py";
        long start = System.nanoTime();

        run(config(cmd).withTimeout(Duration.ofMillis(500)), new Fixtures.ListInput(sent, Duration.ZERO), out);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        String line = "middleware `" + cmd + "` stopped reading its input for 500ms after being sent 0 messages (0 returned); pipeline stopped";
        assertThat(middleware.failure()).contains(line);
        assertThat(log.lines).containsExactly("warn: " + line);
        assertThat(out.messages).isEmpty();
        assertThat(middleware.sent()).isZero();
        assertThat(stage("middleware").messages()).isZero();
        assertThat(stage("middleware").dropped(Reason.WRITE_ERROR)).isEqualTo(3);
    }

    @Test
    void theProgramsPipesAreEnlargedBeforeItGetsItsFirstLine() throws Exception {
        assumeInterpreter(".py");
        List<Message> sent = Fixtures.messages(5, 10, 3);
        Fixtures.Recording out = new Fixtures.Recording();

        run(config("python3 " + RES + "pipe_sizes.py"), new Fixtures.ListInput(sent, Duration.ZERO), out);

        assertThat(log.lines).contains("[middleware] pipes " + PipeSize.BYTES + " " + PipeSize.BYTES);
        assertThat(out.messages).containsExactlyElementsOf(sent);
    }

    @Test
    void setsAndReadsAPipesSizeAndFailsQuietlyForAProcessThatIsGone() throws Exception {
        Process cat = new ProcessBuilder("cat").start();
        assertThat(PipeSize.of(cat.pid(), 0)).isEqualTo(65536);
        assertThat(PipeSize.set(cat.pid(), 0, PipeSize.BYTES)).isTrue();
        assertThat(PipeSize.of(cat.pid(), 0)).isEqualTo(PipeSize.BYTES);
        cat.destroyForcibly().waitFor();
        assertThat(PipeSize.set(cat.pid(), 0, PipeSize.BYTES)).isFalse();
        assertThat(PipeSize.of(cat.pid(), 0)).isEqualTo(-1);
    }

    @Test
    void aProgramThatCannotBeStartedIsOneLineNamingTheCommand() {
        assertThatThrownBy(() -> Middleware.start(config("./no-such-middleware --flag"), stats.stage("middleware"), log))
                .isInstanceOf(IOException.class)
                .hasMessage("--middleware `./no-such-middleware --flag`: cannot start: No such file or directory");
    }

    @Test
    void theCommandIsSplitOnWhitespaceWithoutAShell() {
        MiddlewareConfig config = MiddlewareConfig.of("  python3   mw.py\t--x 'a b' ", 10);
        assertThat(config.command()).containsExactly("python3", "mw.py", "--x", "'a", "b'");
        assertThat(config.quoted()).isEqualTo("`python3   mw.py\t--x 'a b'`");
    }
}
