package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageDetail;
import dev.shadowtap.core.Stats;

import dev.shadowtap.core.StageStats;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StatsReporterTest {
    private final Stats stats = new Stats();
    private final LineLog log = new LineLog();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void intervalLinesShowTotalsRateQueueAndDropsByReason() {
        StageStats file = stats.stage("output-file requests.gor");
        StageStats in = stats.stage("input-raw :80");
        file.queueDepth(() -> 12);
        StatsReporter reporter = new StatsReporter(stats, log, Duration.ofSeconds(5), now::get);
        for (int i = 0; i < 12034; i++) {
            file.passed(1586);
        }
        file.drops(Reason.RATE_LIMIT, 3);
        now.addAndGet(5_000_000_000L);

        assertThat(reporter.intervalLines()).containsExactly(
                "output-file requests.gor: 12034 msgs 18.2 MB 2407/s queue 12 dropped 3 (rate-limit 3)",
                "input-raw :80: 0 msgs 0 B 0/s queue 0 dropped 0");

        for (int i = 0; i < 1000; i++) {
            file.passed(10);
        }
        file.drop(Reason.QUEUE_FULL);
        now.addAndGet(2_000_000_000L);
        reporter.report();
        assertThat(log.lines()).containsExactly(
                "output-file requests.gor: 13034 msgs 18.2 MB 500/s queue 12 dropped 4 (queue-full 1, rate-limit 3)",
                "input-raw :80: 0 msgs 0 B 0/s queue 0 dropped 0");
    }

    @Test
    void summaryListsEveryStageAndTheTotalDropped() {
        StageStats in = stats.stage("input-file a.gor");
        StageStats out = stats.stage("output-http x");
        in.passed(2048);
        out.passed(100);
        out.drops(Reason.WRITE_ERROR, 2);
        in.drop(Reason.SAMPLED_OUT);
        StatsReporter reporter = new StatsReporter(stats, log, Duration.ofSeconds(5), now::get);

        reporter.logSummary();

        assertThat(log.lines()).containsExactly(
                "summary input-file a.gor: 1 msgs 2.0 KB dropped 1 (sampled-out 1)",
                "summary output-http x: 1 msgs 100 B dropped 2 (write-error 2)",
                "summary: 3 messages dropped in all");
    }

    @Test
    void skippedMessagesAreShownBesideTheDropsButAreNoLoss() {
        StageStats out = stats.stage("output-http x");
        for (int i = 0; i < 4; i++) {
            out.passed(10);
            if (i % 2 == 1) {
                out.skipped(Reason.NOT_A_REQUEST);
            }
        }
        StatsReporter reporter = new StatsReporter(stats, log, Duration.ofSeconds(5), now::get);

        reporter.logSummary();
        reporter.logDrops();

        assertThat(log.lines()).containsExactly(
                "summary output-http x: 4 msgs 40 B dropped 0 skipped 2 (not-a-request 2)",
                "summary: 0 messages dropped in all");
        assertThat(reporter.intervalLines()).singleElement().asString().endsWith("dropped 0 skipped 2 (not-a-request 2)");
    }

    @Test
    void dropsAreWarnedWithoutStatsOnlyWhenSomethingWasDropped() {
        StageStats in = stats.stage("input-raw :80");
        StageStats out = stats.stage("output-stdout");
        in.passed(10);
        out.passed(10);
        StatsReporter reporter = new StatsReporter(stats, log, Duration.ofSeconds(5), now::get);
        reporter.logDrops();
        assertThat(log.lines()).isEmpty();

        out.drops(Reason.QUEUE_FULL, 7);
        reporter.logDrops();
        assertThat(log.lines()).containsExactly("warn: output-stdout: dropped 7 (queue-full 7)");
    }

    @Test
    void startedReporterLogsEveryIntervalUntilClosed() throws Exception {
        stats.stage("s").passed(1);
        StatsReporter reporter = new StatsReporter(stats, log, Duration.ofMillis(50), System::nanoTime);
        reporter.start();
        Thread.sleep(400);
        reporter.close();
        Thread.sleep(100);
        int afterClose = log.lines().size();
        Thread.sleep(150);
        assertThat(afterClose).isBetween(3, 9);
        assertThat(log.lines()).hasSize(afterClose).allMatch(l -> l.startsWith("s: 1 msgs 1 B "));
    }

    @Test
    void detailLinesAreTheRegisteredStagesOwnSummariesInTheOrderTheyCame() {
        StageStats a = stats.stage("output-http a");
        StageStats b = stats.stage("output-http b");
        stats.detail(detail(a, "output-http a: sent 2", "output-http a: timeout 1"));
        stats.detail(detail(b, "output-http b: sent 0"));

        assertThat(new StatsReporter(stats, log).detailLines()).containsExactly(
                "output-http a: sent 2", "output-http a: timeout 1", "output-http b: sent 0");
        assertThat(new StatsReporter(new Stats(), log).detailLines()).isEmpty();
    }

    private static StageDetail detail(StageStats stage, String... lines) {
        return new StageDetail() {
            @Override
            public StageStats stage() {
                return stage;
            }

            @Override
            public java.util.List<String> summaryLines() {
                return java.util.List.of(lines);
            }
        };
    }
}
