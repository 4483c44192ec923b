package dev.shadowtap.io;

import dev.shadowtap.pipeline.Emitter;
import dev.shadowtap.pipeline.EmitterOptions;
import dev.shadowtap.pipeline.EmitterSummary;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --input-dummy --output-stdout --output-null} through the real emitter, stopped like {@code --exit-after}. */
@Timeout(10)
class EndpointsPipelineTest {
    @Test
    void dummyToStdoutAndNullUntilStopped() throws Exception {
        Stats stats = new Stats();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NullOutput nul = new NullOutput();
        Emitter emitter = new Emitter(
                List.of(new Source(new DummyInput(Duration.ofMillis(20), new SplittableRandom(5)), stats.stage("input-dummy"))),
                List.of(stdoutSink(out, stats),
                        new Sink(nul, stats.stage("output-null"))),
                EmitterOptions.DEFAULTS, Log.SILENT);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            emitter.stop();
        });

        EmitterSummary summary = emitter.run();

        long read = summary.inputs().getFirst().messages();
        assertThat(read).isBetween(10L, 40L); // a request and its response every 20 ms
        assertThat(nul.messages()).isEqualTo(read);
        String printed = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(printed.split("\n1 ", -1)).hasSize((int) (read + 1) / 2);
        assertThat(printed.split("\n2 ", -1)).hasSize((int) read / 2 + 1);
        assertThat(printed).startsWith("1 ").endsWith("\r\n\r\n" + new String(dev.shadowtap.gor.GorFormat.SEPARATOR, StandardCharsets.ISO_8859_1));
        assertThat(summary.droppedTotal()).isZero();
    }

    private static Sink stdoutSink(java.io.OutputStream out, Stats stats) {
        StageStats stage = stats.stage("output-stdout");
        return new Sink(new StdoutOutput(out, false, Duration.ofHours(1), stage, () -> { }), stage);
    }
}
