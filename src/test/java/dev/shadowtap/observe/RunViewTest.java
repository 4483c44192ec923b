package dev.shadowtap.observe;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reading of the registry: shared within a scrape, fresh after it; latency buckets as HdrHistogram has them. */
class RunViewTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Stats stats = new Stats();
    private final RunView view = new RunView(stats, Optional::empty, nanos::get);

    @Test
    void aReadingIsSharedForAMomentThenTakenAnew() {
        StageStats stage = stats.stage("input-dummy");
        stage.passed(10);
        RunSnapshot first = view.snapshot();
        stage.passed(10);
        stage.drop(Reason.QUEUE_FULL);
        nanos.addAndGet(RunView.REUSE_NANOS - 1);
        assertThat(view.snapshot()).isSameAs(first);
        nanos.addAndGet(1);
        RunSnapshot second = view.snapshot();
        assertThat(second.stages().getFirst().messages()).isEqualTo(2);
        assertThat(second.stages().getFirst().drops()).containsEntry(Reason.QUEUE_FULL, 1L);
        assertThat(first.stages().getFirst().messages()).isEqualTo(1);
    }

    @Test
    void aStageMadeAfterTheViewIsReadToo() {
        view.snapshot();
        stats.stage("output-file late.gor").passed(5);
        nanos.addAndGet(RunView.REUSE_NANOS);
        assertThat(view.snapshot().stages()).extracting(StageStats.Snapshot::name).containsExactly("output-file late.gor");
    }

    @Test
    void latencyBucketsCountEachValueOnceInTheBucketOfItsBound() {
        Histogram micros = new Histogram(3);
        micros.recordValue(400);       // 0.4 ms: <= 0.5 ms
        micros.recordValue(500);       // 0.5 ms: on the bound, inside it
        micros.recordValue(3_000);     // 3 ms: <= 5 ms
        micros.recordValue(20_000_000); // 20 s: past the last bound, +Inf
        long[] buckets = LatencyCollector.buckets(micros);
        assertThat(buckets).hasSize(LatencyCollector.BOUNDS.length);
        assertThat(buckets[0]).isEqualTo(2);
        assertThat(buckets[3]).isEqualTo(1); // 0.005
        assertThat(buckets[buckets.length - 1]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(buckets).sum()).isEqualTo(micros.getTotalCount());
    }
}
