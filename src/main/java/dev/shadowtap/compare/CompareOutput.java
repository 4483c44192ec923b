package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.IoReason;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The comparison as a pipeline output ({@code --compare}, {@code --compare-report}): it receives every
 * message of the run (requests and original responses from the inputs, replayed responses from the
 * replay outputs), feeds the {@link CompareEngine} and, on {@link #close()}, prints the short summary
 * through the log and writes the reports: summary.json, diffs.jsonl, junit.xml, report.html.
 * {@link #summary()} then says whether the run failed {@code --compare-fail-above}.
 */
public final class CompareOutput implements Output {
    private final CompareConfig config;
    private final StageStats stats;
    private final Log log;
    private final DiffLog diffLog;
    private final CompareEngine engine;
    private final SecondaryTarget secondary;
    private volatile CompareSummary summary;

    /**
     * Creates the report directory when one is asked for.
     *
     * @param stats the stage of this output: drops by reason for exchanges that could not be compared
     * @param all   the run's counters, for the secondary target's own stages
     * @throws IOException when the report directory cannot be made or written
     */
    public CompareOutput(CompareConfig config, StageStats stats, Stats all, Log log) throws IOException {
        this.config = config;
        this.stats = stats;
        this.log = log;
        if (config.reportDir() != null) {
            try {
                Files.createDirectories(config.reportDir());
                this.diffLog = new DiffLog(config.reportDir());
            } catch (IOException e) {
                throw new IOException("--compare-report " + config.reportDir() + ": cannot write there: "
                        + cause(config.reportDir(), e));
            }
        } else {
            this.diffLog = null;
        }
        this.engine = new CompareEngine(config, stats, diffLog);
        this.secondary = config.secondary() == null ? null
                : new SecondaryTarget(config.secondary(), all, log, engine::acceptSecondary);
    }

    @Override
    public void write(Message message) throws InterruptedException {
        if (secondary != null && message.isRequest()) {
            secondary.send(message);
        }
        engine.accept(message);
    }

    /** Finishes the comparison, prints the summary and writes the reports. */
    @Override
    public void close() throws IOException {
        if (summary != null) {
            return;
        }
        if (secondary != null) {
            try {
                secondary.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ReportState state = withStageDrops(engine.finishState());
        CompareSummary result = state.summarize();
        summary = result;
        SummaryText.lines(result).forEach(log::info);
        Path dir = config.reportDir();
        if (dir == null) {
            return;
        }
        try {
            diffLog.finish(state.learned());
            SummaryJson.write(result, state, dir);
            JunitReport.write(result, dir);
            HtmlReport.write(result, state, dir);
        } catch (IOException e) {
            stats.drop(Reason.REPORT_WRITE_ERROR);
            throw new IOException("--compare-report " + dir + ": cannot write the report ("
                    + IoReason.withFile(e) + ")", e);
        }
    }

    /**
     * Adds what the stage dropped before the engine saw it (the pipeline's {@code queue-full} when the
     * comparison could not keep up, ...): every reason a record was not compared is in the summary.
     */
    private ReportState withStageDrops(ReportState s) {
        Map<Reason, Long> unpaired = new EnumMap<>(Reason.class);
        unpaired.putAll(s.unpaired());
        stats.snapshot().drops().forEach((reason, n) -> {
            long extra = n - s.unpaired().getOrDefault(reason, 0L);
            if (extra > 0) {
                unpaired.merge(reason, extra, Long::sum);
            }
        });
        return s.withUnpaired(unpaired);
    }

    /** The cause of a report-directory failure, in words. */
    public static String cause(Path dir, IOException e) {
        Path parent = dir.toAbsolutePath().getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return "already exists and is a file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                && fs.getReason().toLowerCase(java.util.Locale.ROOT).contains("read-only")) {
            return "read-only file system";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a part of the path is a file";
        }
        if (e instanceof java.nio.file.NoSuchFileException || (parent != null && !Files.exists(parent))) {
            return "no such parent directory";
        }
        return e.getMessage() == null ? "cannot write there" : e.getMessage();
    }

    /** The comparison as of now: the final result once closed, else what was compared so far (the dashboard's view). */
    public CompareSummary live() {
        CompareSummary done = summary;
        return done != null ? done : withStageDrops(engine.liveState()).summarize();
    }

    /** The result, once {@link #close()} ran; null before. */
    public CompareSummary summary() {
        return summary;
    }
}
