package dev.shadowtap.compare.merge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.compare.DiffLog;
import dev.shadowtap.compare.ReportStateJson;
import dev.shadowtap.compare.ReportStateReader;
import dev.shadowtap.compare.SummaryJson;
import dev.shadowtap.core.IoReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code --compare-report} directory given to {@code compare-merge}: its summary.json read back to the
 * state it was made from, and where its diffs.jsonl is. Every problem is one line naming the file.
 *
 * @param summary its summary.json, as named on the command line
 * @param diffs   its diffs.jsonl
 */
record ReportDir(Path dir, Path summary, Path diffs, ReportStateReader.Stored stored) {
    static ReportDir read(Path dir) throws MergeException {
        if (!Files.exists(dir)) {
            throw new MergeException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new MergeException(dir + ": not a directory (give the DIR of --compare-report DIR)");
        }
        Path summary = dir.resolve(SummaryJson.FILE);
        Path diffs = dir.resolve(DiffLog.FILE);
        if (!Files.isRegularFile(summary)) {
            throw new MergeException(dir + (Files.exists(dir.resolve(DiffLog.FILE + ".partial"))
                    ? ": the report is not finished (" + DiffLog.FILE + ".partial, no " + SummaryJson.FILE
                    + "): did its run end?"
                    : ": not a comparison report (no " + SummaryJson.FILE + ")"));
        }
        if (!Files.isRegularFile(diffs)) {
            throw new MergeException(diffs + ": missing (the report is incomplete: did its run end?)");
        }
        JsonNode root = parse(summary);
        JsonNode state = root.get(ReportStateJson.KEY);
        if (state == null) {
            String why = root.has("compared") && root.has("endpoints")
                    ? "written by a shadowtap without merge data (before compare-merge): its latencies cannot be"
                    + " merged exactly; replay that share again with this version"
                    : "not a shadowtap comparison summary";
            throw new MergeException(summary + ": " + why);
        }
        try {
            return new ReportDir(dir, summary, diffs, ReportStateReader.read(state));
        } catch (ReportStateReader.BadStateException e) {
            throw new MergeException(summary + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(Path summary) throws MergeException {
        try {
            JsonNode root = new ObjectMapper().readTree(summary.toFile());
            if (root == null || !root.isObject()) {
                throw new MergeException(summary + ": not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            throw new MergeException(summary + ": not valid JSON" + (where == null ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new MergeException(summary + ": cannot read (" + IoReason.of(e) + ")");
        }
    }
}
