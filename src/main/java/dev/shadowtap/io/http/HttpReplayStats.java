package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageDetail;
import dev.shadowtap.core.StageStats;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Counters of one {@code --output-http}: queue depth, in flight, sent, final responses by status class,
 * errors by reason (the {@link StageStats} drops), truncated replies and latency percentiles. Workers
 * record without waiting (HdrHistogram {@link Recorder}); one reader at a time takes interval lines.
 * Registered with the run's {@code Stats} as its stage's {@link StageDetail}, for the exit summary.
 */
public final class HttpReplayStats implements StageDetail {
    private final String address;
    private final StageStats stage;
    private final Recorder latency = new Recorder(3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder(), new LongAdder()};
    private final LongAdder interim = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder redirects = new LongAdder();
    private final LongAdder staleRetries = new LongAdder();
    private final LongAdder refusedRetries = new LongAdder();
    /** {@link System#nanoTime()} of the first request sent (0: none yet) and of the latest response. */
    private final java.util.concurrent.atomic.AtomicLong firstSentNanos = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastResponseNanos;
    private volatile IntSupplier queued = () -> 0;
    private volatile IntSupplier inFlight = () -> 0;
    private volatile IntSupplier workers = () -> 0;
    private final Histogram total = new Histogram(3);
    private Histogram interval;

    HttpReplayStats(String address, StageStats stage) {
        this.address = address;
        this.stage = stage;
    }

    void gauges(IntSupplier newQueued, IntSupplier newInFlight, IntSupplier newWorkers) {
        this.queued = newQueued;
        this.inFlight = newInFlight;
        this.workers = newWorkers;
        stage.queueDepth(newQueued::getAsInt);
    }

    void sent() {
        sent.increment();
        if (firstSentNanos.get() == 0) {
            firstSentNanos.compareAndSet(0, System.nanoTime());
        }
    }

    void response(int status, long latencyNanos, boolean wasTruncated, int interimCount) {
        int c = status / 100;
        byClass[c >= 1 && c <= 5 ? c - 1 : 5].increment();
        latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        if (wasTruncated) {
            truncated.increment();
        }
        interim.add(interimCount);
        lastResponseNanos = System.nanoTime();
    }

    void redirected() {
        redirects.increment();
    }

    /** A safe request sent again on a new connection after its kept-alive one turned out closed. */
    void staleRetry() {
        staleRetries.increment();
    }

    public long staleRetries() {
        return staleRetries.sum();
    }

    /** An HTTP/2 stream the target refused unprocessed (REFUSED_STREAM, or past its GOAWAY) goes again. */
    void refusedRetry() {
        refusedRetries.increment();
    }

    public long refusedRetries() {
        return refusedRetries.sum();
    }

    @Override
    public StageStats stage() {
        return stage;
    }

    public long sentCount() {
        return sent.sum();
    }

    /** Final responses with status {@code cls}xx (1..5). */
    public long responses(int cls) {
        return byClass[cls - 1].sum();
    }

    public long responsesTotal() {
        long n = 0;
        for (LongAdder a : byClass) {
            n += a.sum();
        }
        return n;
    }

    public long errors(Reason reason) {
        return stage.dropped(reason);
    }

    public long truncatedCount() {
        return truncated.sum();
    }

    public long interimCount() {
        return interim.sum();
    }

    public long redirectsFollowed() {
        return redirects.sum();
    }

    public int queueDepth() {
        return queued.getAsInt();
    }

    public int inFlight() {
        return inFlight.getAsInt();
    }

    public int workers() {
        return workers.getAsInt();
    }

    /** One {@code --output-http-stats} line for the interval since the previous call. */
    public synchronized String intervalLine() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return "output-http " + address + ": queue " + queueDepth() + ", in flight " + inFlight()
                + ", workers " + workers() + ", sent " + sentCount() + ", " + classes() + ", errors "
                + stage.droppedTotal() + ", latency " + percentiles(interval);
    }

    /** The exit summary: totals, status classes, each error reason, whole-run latency. */
    @Override
    public synchronized List<String> summaryLines() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        List<String> lines = new ArrayList<>();
        lines.add("output-http " + address + ": sent " + sentCount() + ", responses " + responsesTotal() + " ("
                + classes() + "), truncated " + truncatedCount() + ", interim 1xx " + interimCount()
                + ", redirects followed " + redirectsFollowed()
                + (staleRetries.sum() > 0 ? ", resent after a closed keep-alive connection " + staleRetries.sum() : "")
                + (refusedRetries.sum() > 0 ? ", resent after the target refused the stream " + refusedRetries.sum() : ""));
        String rate = rate();
        if (!rate.isEmpty()) {
            lines.add("output-http " + address + ": " + rate);
        }
        stage.snapshot().drops().forEach((reason, n) -> lines.add("output-http " + address + ": " + reason.label() + " " + n));
        lines.add("output-http " + address + ": latency " + percentiles(total));
        return lines;
    }

    /** Whole-run latency percentile in microseconds (as of the last line or summary taken). */
    public synchronized long latencyMicrosAt(double percentile) {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return total.getValueAtPercentile(percentile);
    }

    /** A copy of the whole-run latency histogram (microseconds) as of now, for readers that chart it. */
    public synchronized Histogram latencyHistogram() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }

    /** The target's address as the command line gave it. */
    public String address() {
        return address;
    }

    /**
     * How fast the target answered: responses from the first request sent to the last response, or
     * empty before two responses. (The run's own wall time adds the JVM's start and the input's end.)
     */
    String rate() {
        long first = firstSentNanos.get();
        long last = lastResponseNanos;
        long n = responsesTotal();
        if (first == 0 || n < 2 || last - first <= 0) {
            return "";
        }
        double seconds = (last - first) / 1e9;
        return String.format(java.util.Locale.ROOT, "%d responses in %.2f s from the first request sent, %.0f responses/s",
                n, seconds, n / seconds);
    }

    private String classes() {
        return "1xx " + byClass[0].sum() + " 2xx " + byClass[1].sum() + " 3xx " + byClass[2].sum() + " 4xx "
                + byClass[3].sum() + " 5xx " + byClass[4].sum();
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "p50 - p99 - max -";
        }
        return "p50 " + ms(h.getValueAtPercentile(50)) + " p99 " + ms(h.getValueAtPercentile(99)) + " max "
                + ms(h.getMaxValue());
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.2fms", micros / 1000.0);
    }
}
