package dev.shadowtap.app;

import dev.shadowtap.core.RecordingLog;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan's one closeAll: a defined order, one line per failed close, and no close skipped for it. */
class RunPlanTest {
    private final List<String> closed = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();

    @Test
    void closesInputsThenOutputsAndAFailedCloseStopsNoOther() {
        RunPlan plan = plan(List.of(source("a", null), source("b", new AccessDeniedException("/in/b.gor")),
                        source("c", null)),
                List.of(sink("x", new IllegalStateException("broken")), sink("y", null)));

        plan.closeAll(log);

        assertThat(closed).containsExactly("a", "b", "c", "x", "y");
        assertThat(log.warnings()).containsExactly("input b: close failed: /in/b.gor: permission denied",
                "output x: close failed: broken");
    }

    @Test
    void theEmitterReadsTheTrafficThenTheRepliesAndThePlanCannotBeChangedAfterwards() {
        Source traffic = source("traffic", null);
        Source replies = source("replies", null);
        List<Source> inputs = new ArrayList<>(List.of(traffic));
        RunPlan plan = new RunPlan(new RunPlan.Inputs(inputs, List.of()),
                new RunPlan.Outputs(List.of(), List.of(replies), List.of(), List.of(), Optional.empty(), Optional.empty()),
                Optional.empty());
        inputs.clear();

        assertThat(plan.emitterInputs()).containsExactly(traffic, replies);
        assertThat(plan.relay()).isNull();
        assertThatThrownBy(() -> plan.inputs().sources().add(replies)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void repliesAreLeftToTheirOutput() {
        RunPlan plan = new RunPlan(new RunPlan.Inputs(List.of(), List.of()),
                new RunPlan.Outputs(List.of(), List.of(source("replies", null)), List.of(), List.of(),
                        Optional.empty(), Optional.empty()),
                Optional.empty());

        plan.closeAll(log);

        assertThat(closed).isEmpty();
        assertThat(log.warnings()).isEmpty();
    }

    private RunPlan plan(List<Source> inputs, List<Sink> outputs) {
        return new RunPlan(new RunPlan.Inputs(inputs, List.of()),
                new RunPlan.Outputs(outputs, List.of(), List.of(), List.of(), Optional.empty(), Optional.empty()),
                Optional.empty());
    }

    private Source source(String name, Exception failure) {
        Input input = new Input() {
            @Override
            public Message read() {
                return null;
            }

            @Override
            public void close() throws IOException {
                closed.add(name);
                fail(failure);
            }
        };
        return new Source(input, new StageStats(name));
    }

    private Sink sink(String name, Exception failure) {
        Output output = new Output() {
            @Override
            public void write(Message message) {
            }

            @Override
            public void close() throws IOException {
                closed.add(name);
                fail(failure);
            }
        };
        return new Sink(output, new StageStats(name));
    }

    private static void fail(Exception failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
