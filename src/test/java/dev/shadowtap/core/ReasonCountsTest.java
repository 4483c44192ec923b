package dev.shadowtap.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonCountsTest {
    @Test
    void aSnapshotListsEveryReasonEverCountedZeroIncludedInLabelOrder() {
        ReasonCounts counts = new ReasonCounts();
        counts.add(Reason.WRITE_ERROR, 2);
        counts.add(Reason.OUTPUT_CLOSED, 0);
        counts.add(Reason.BAD_HEX, 1);
        counts.add(Reason.WRITE_ERROR, 3);

        assertThat(counts.snapshot()).containsExactly(Map.entry(Reason.BAD_HEX, 1L),
                Map.entry(Reason.OUTPUT_CLOSED, 0L), Map.entry(Reason.WRITE_ERROR, 5L));
        assertThat(counts.get(Reason.WRITE_ERROR)).isEqualTo(5);
        assertThat(counts.get(Reason.QUEUE_FULL)).isZero();
        assertThat(counts.total()).isEqualTo(6);
    }

    @Test
    void nothingCountedIsAnEmptySnapshot() {
        assertThat(new ReasonCounts().snapshot()).isEmpty();
        assertThat(new ReasonCounts().total()).isZero();
    }

    @Test
    void writersRacingOnAReasonNotCountedYetLoseNoCount() throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            ReasonCounts counts = new ReasonCounts();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 1000; i++) {
                        counts.add(Reason.values()[i % 3], 1);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(counts.total()).isEqualTo(4000);
            assertThat(counts.get(Reason.values()[0])).isEqualTo(4 * 334);
        }
    }
}
