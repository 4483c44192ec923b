package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window against its plain definition: one priority queue by (timestamp, file order). Mostly
 * ordered timestamps with jumps back, repeats and interleaved polls, as real files have.
 */
class ReorderWindowProperties {
    private record Ref(Message message, long sequence) {
    }

    @Property(tries = 500)
    void givesWhatOnePriorityQueueByTimestampThenFileOrderGives(
            @ForAll @Size(max = 300) List<@IntRange(min = -3, max = 6) Integer> steps,
            @ForAll @IntRange(min = 1, max = 40) int depth) {
        ReorderWindow window = new ReorderWindow(depth);
        PriorityQueue<Ref> model = new PriorityQueue<>(Comparator
                .comparingLong((Ref r) -> r.message().timestampNs()).thenComparingLong(Ref::sequence));
        List<Message> got = new ArrayList<>();
        List<Message> expected = new ArrayList<>();
        long timestamp = 1_000;
        long sequence = 0;
        for (int step : steps) {
            if (step == 6 || window.full()) { // a poll, as FileInput does once the window is full
                got.add(window.poll());
                Ref r = model.poll();
                expected.add(r == null ? null : r.message());
            } else {
                timestamp += step; // mostly forward, sometimes equal or back
                Message m = new Message(MessageType.REQUEST, Long.toString(sequence), timestamp, 0, new byte[0]);
                window.add(m);
                model.add(new Ref(m, sequence++));
            }
            assertThat(window.size()).isEqualTo(model.size());
            assertThat(window.isEmpty()).isEqualTo(model.isEmpty());
        }
        while (!model.isEmpty()) {
            got.add(window.poll());
            expected.add(model.poll().message());
        }
        assertThat(window.poll()).isNull();
        assertThat(got).containsExactlyElementsOf(expected);
    }
}
