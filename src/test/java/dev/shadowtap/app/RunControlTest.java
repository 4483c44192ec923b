package dev.shadowtap.app;

import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that would never end by itself (a live input), started and stopped in-process through its RunControl. */
class RunControlTest {
    @TempDir
    Path dir;

    private static CompletableFuture<Integer> start(RunControl control, ByteArrayOutputStream err, String... args) {
        ParseResult.Run run = (ParseResult.Run) CommandLine.parse(args);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> new Application(run.options(), System.out, e, control).run());
    }

    @Test
    void stopEndsALiveRunLikeExitAfterAndTheFileIsFlushed() throws Exception {
        RunControl control = new RunControl();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path gor = dir.resolve("dummy.gor");
        CompletableFuture<Integer> status = start(control, err, "--input-dummy", "0", "--output-file", gor.toString(),
                "--output-file-append");
        assertThat(control.awaitStarted(Duration.ofSeconds(10))).isTrue();
        assertThat(control.stats()).isPresent();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (messages(control, "input-dummy") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(status).isNotDone();
        control.stop();
        assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        long written = messages(control, "output-file " + gor);
        assertThat(written).isPositive();
        assertThat(Gor.read(gor)).hasSize((int) written);
    }

    @Test
    void aStopBeforeTheStartStopsTheRunAsSoonAsItStarts() throws Exception {
        RunControl control = new RunControl();
        control.stop();
        CompletableFuture<Integer> status = start(control, new ByteArrayOutputStream(), "--input-dummy", "0",
                "--output-null");
        assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(control.isStarted()).isTrue();
    }

    @Test
    void aRunThatCannotStartNeverReportsStarted() throws Exception {
        RunControl control = new RunControl();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = start(control, err, "--input-file", dir.resolve("none.gor").toString(),
                "--output-null", "--output-file", dir.toString());
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(control.isStarted()).isFalse();
        assertThat(control.stats()).isEmpty();
    }

    private static long messages(RunControl control, String stage) {
        return control.stats().orElseThrow().stages().stream().filter(s -> s.name().equals(stage))
                .mapToLong(StageStats::messages).sum();
    }
}
