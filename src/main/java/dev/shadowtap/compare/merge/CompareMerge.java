package dev.shadowtap.compare.merge;

import dev.shadowtap.compare.CompareOutput;
import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.compare.HtmlReport;
import dev.shadowtap.compare.JunitReport;
import dev.shadowtap.compare.ReportState;
import dev.shadowtap.compare.StateMerge;
import dev.shadowtap.compare.SummaryJson;
import dev.shadowtap.compare.SummaryText;
import dev.shadowtap.core.IoReason;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code shadowtap compare-merge OUT DIR...}: the {@code --compare-report} directories of several
 * replayers, each of a share of the traffic, merged into OUT: the same four files and the same verdict
 * one replayer would have written had it seen all the traffic ({@link StateMerge}). Exit status 0, 1
 * when the merged gate fails (as the replay's would), 2 for bad input (one line naming the file).
 */
public final class CompareMerge {
    public static final String USAGE = """
            Usage: shadowtap compare-merge OUT DIR...
            Merges the --compare-report DIRs of several replayers (each replaying a share of the traffic)
            into OUT: report.html, summary.json, diffs.jsonl and junit.xml with the counts, latency
            percentiles and verdict of one replay that saw all the traffic. Every DIR must come from the
            same shadowtap version with the same --compare-fail-above and --compare-ignore.
            Exit status: 0, 1 when the merged --compare-fail-above gate fails, 2 for bad input.""";

    private CompareMerge() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() == 1 && (args.getFirst().equals("--help") || args.getFirst().equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        try {
            CompareSummary summary = merge(paths(args), out);
            return summary.failed() ? 1 : 0;
        } catch (MergeException e) {
            err.println("shadowtap compare-merge: " + e.getMessage());
            return 2;
        }
    }

    private static List<Path> paths(List<String> args) throws MergeException {
        if (args.size() < 2) {
            throw new MergeException("needs OUT and at least one DIR: shadowtap compare-merge OUT DIR...");
        }
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-")) {
                throw new MergeException(arg + ": no such option (shadowtap compare-merge OUT DIR...)");
            }
            try {
                paths.add(Path.of(arg));
            } catch (InvalidPathException e) {
                throw new MergeException(arg + ": not a path");
            }
        }
        return paths;
    }

    private static CompareSummary merge(List<Path> paths, PrintStream out) throws MergeException {
        Path target = paths.getFirst();
        Map<Path, Path> seen = new HashMap<>();
        List<ReportDir> reports = new ArrayList<>();
        for (Path dir : paths.subList(1, paths.size())) {
            Path same = seen.putIfAbsent(canonical(dir), dir);
            if (same != null) {
                throw new MergeException(dir + ": given twice (as " + same + "): its traffic would count twice");
            }
            reports.add(ReportDir.read(dir));
        }
        if (seen.containsKey(canonical(target))) {
            throw new MergeException(target + ": OUT is one of the reports merged; give a new directory");
        }
        checkAlike(reports);
        ReportState merged = StateMerge.merge(reports.stream().map(r -> r.stored().state()).toList());
        CompareSummary summary = merged.summarize();
        write(target, reports, merged, summary);
        out.println("compare-merge: " + reports.size() + " report(s) merged into " + target + " (report.html,"
                + " summary.json, diffs.jsonl, junit.xml)");
        SummaryText.lines(summary).forEach(out::println);
        return summary;
    }

    /** One version and one gate: otherwise no single replayer's verdict is what the merge would say. */
    private static void checkAlike(List<ReportDir> reports) throws MergeException {
        ReportDir first = reports.getFirst();
        ReportState.Gate gate = first.stored().state().gate();
        for (ReportDir r : reports) {
            if (!r.stored().version().equals(first.stored().version())) {
                throw new MergeException(r.summary() + ": written by shadowtap " + r.stored().version() + ", "
                        + first.summary() + " by shadowtap " + first.stored().version() + ": merge reports of one version");
            }
            ReportState.Gate other = r.stored().state().gate();
            if (!other.failAbove().equals(gate.failAbove())) {
                throw new MergeException(r.summary() + ": --compare-fail-above " + rate(other) + " differs from "
                        + first.summary() + "'s " + rate(gate) + ": merge reports of one gate");
            }
            if (!other.ignore().equals(gate.ignore())) {
                throw new MergeException(r.summary() + ": --compare-ignore " + rules(other) + " differs from "
                        + first.summary() + "'s " + rules(gate) + ": merge reports of one gate");
            }
        }
    }

    private static String rate(ReportState.Gate gate) {
        return gate.failAbove().isPresent() ? String.valueOf(gate.failAbove().getAsDouble()) : "(none)";
    }

    private static String rules(ReportState.Gate gate) {
        return gate.ignore().isEmpty() ? "(none)" : String.join(" ", gate.ignore());
    }

    private static void write(Path target, List<ReportDir> reports, ReportState merged, CompareSummary summary)
            throws MergeException {
        boolean made = !Files.exists(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new MergeException(target + ": cannot write there: " + CompareOutput.cause(target, e));
        }
        try {
            MergedDiffs.write(reports, merged.learned(), target);
        } catch (MergeException e) {
            if (made) {
                try {
                    Files.deleteIfExists(target); // a bad diffs.jsonl leaves no half-made OUT behind
                } catch (IOException notEmpty) {
                    // something else was put there meanwhile: leave it
                }
            }
            throw e;
        }
        try {
            SummaryJson.write(summary, merged, target);
            JunitReport.write(summary, target);
            HtmlReport.write(summary, merged, target);
        } catch (IOException e) {
            throw new MergeException(target + ": cannot write the report (" + IoReason.withFile(e) + ")");
        }
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
