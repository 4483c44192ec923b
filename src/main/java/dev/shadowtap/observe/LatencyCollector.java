package dev.shadowtap.observe;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import org.HdrHistogram.Histogram;

/**
 * {@code shadowtap_replay_latency_seconds}: the replay outputs' whole-run HdrHistograms (which they
 * keep anyway, for the exit summary's percentiles) as classic Prometheus buckets, read at scrape
 * time. HdrHistogram keeps three significant digits, so a bucket's edge is exact to 0.1%. The sum
 * is the histogram's mean times its count: HdrHistogram keeps no exact sum.
 */
final class LatencyCollector implements Collector {
    /** Upper bounds in seconds: from half a millisecond to ten seconds, as replay targets answer. */
    static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            Double.POSITIVE_INFINITY};

    private final java.util.function.Supplier<RunSnapshot> reading;

    LatencyCollector(java.util.function.Supplier<RunSnapshot> reading) {
        this.reading = reading;
    }

    @Override
    public MetricSnapshot collect() {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name("shadowtap_replay_latency_seconds")
                .help("Time from a request sent to its response (or a binary replay's reply) read whole")
                .unit(Unit.SECONDS);
        for (RunSnapshot.Replay replay : reading.get().replays()) {
            Histogram h = replay.latency();
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(Labels.of("stage", replay.stage()))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, buckets(h)))
                    .sum(h.getTotalCount() == 0 ? 0 : h.getMean() * h.getTotalCount() / 1e6)
                    .build());
        }
        return histogram.build();
    }

    @Override
    public String getPrometheusName() {
        return "shadowtap_replay_latency_seconds";
    }

    /** The count of each bucket alone (the writer sums them into Prometheus' cumulative form). */
    static long[] buckets(Histogram microseconds) {
        long[] counts = new long[BOUNDS.length];
        long below = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            long upTo = Double.isInfinite(BOUNDS[i]) ? microseconds.getTotalCount()
                    : microseconds.getCountBetweenValues(0, Math.round(BOUNDS[i] * 1e6));
            counts[i] = upTo - below;
            below = upTo;
        }
        return counts;
    }
}
