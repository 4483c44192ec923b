package dev.shadowtap.compare.merge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtap.compare.DiffLog;
import dev.shadowtap.compare.LearnedNoise;
import dev.shadowtap.core.IoReason;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The merged diffs.jsonl: every report's lines in the order the reports were given, streamed (as one
 * run's is, it has no bound), each passed again through the noise learned by any replayer, so a pair
 * whose only real differences another replayer learned to be noise leaves, as it would have in one run.
 * Written to {@code diffs.jsonl.partial} and renamed when whole.
 */
final class MergedDiffs {
    private MergedDiffs() {
    }

    /** Writes {@code out}/diffs.jsonl; returns the number of lines written. */
    static long write(List<ReportDir> reports, LearnedNoise learned, Path out) throws MergeException {
        ObjectMapper json = new ObjectMapper();
        Path partial = out.resolve(DiffLog.FILE + ".partial");
        long written = 0;
        try (BufferedWriter result = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (ReportDir report : reports) {
                written += copy(json, report.diffs(), learned, result);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new MergeException(partial + ": cannot write (" + IoReason.of(e) + ")");
        } catch (MergeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, out.resolve(DiffLog.FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MergeException(out.resolve(DiffLog.FILE) + ": cannot write (" + IoReason.of(e) + ")");
        }
        return written;
    }

    private static long copy(ObjectMapper json, Path diffs, LearnedNoise learned, BufferedWriter result)
            throws MergeException, IOException {
        long written = 0;
        long lineNumber = 0;
        try (BufferedReader in = open(diffs)) {
            for (String text; (text = readLine(in, diffs, lineNumber + 1)) != null; ) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                ObjectNode line = parse(json, text, diffs, lineNumber);
                boolean real;
                try {
                    real = DiffLog.stillReal(line, learned);
                } catch (IllegalArgumentException e) {
                    throw new MergeException(diffs + ":" + lineNumber + ": not a line of diffs.jsonl (" + e.getMessage() + ")");
                }
                if (real) {
                    result.write(json.writeValueAsString(line));
                    result.write('\n');
                    written++;
                }
            }
        }
        return written;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the merge's own error is the one to report
        }
    }

    private static BufferedReader open(Path diffs) throws MergeException {
        try {
            return Files.newBufferedReader(diffs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MergeException(diffs + ": cannot read (" + IoReason.of(e) + ")");
        }
    }

    private static String readLine(BufferedReader in, Path diffs, long lineNumber) throws MergeException {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new MergeException(diffs + ":" + lineNumber + ": cannot read (" + IoReason.of(e) + ")");
        }
    }

    private static ObjectNode parse(ObjectMapper json, String text, Path diffs, long lineNumber) throws MergeException {
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // said below
        }
        throw new MergeException(diffs + ":" + lineNumber + ": not valid JSON");
    }
}
