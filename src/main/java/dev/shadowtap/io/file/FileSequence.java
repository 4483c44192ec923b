package dev.shadowtap.io.file;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.core.IoReason;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of several .gor files read one after another as one stream, pass after pass. A file
 * that cannot be opened is reported in one line with the system's reason ({@code permission denied}),
 * counted as {@code unreadable-file} and skipped; bad records inside a file are reported and counted
 * by {@link GorReader}. Later passes ({@code --input-file-loop}) read the same bytes again: what is
 * wrong in them was said in the first pass, so they only count it (a damaged record would otherwise
 * print its line hundreds of times a second). Not thread-safe.
 */
final class FileSequence implements AutoCloseable {
    private final List<RecordFile> files;
    private final StageStats stats;
    private final Log log;
    private final Set<String> withoutRecords = new LinkedHashSet<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private int index;
    private int pass;
    private GorReader reader;
    private long passRecords;

    FileSequence(List<? extends RecordFile> files, StageStats stats, Log log) {
        this.files = List.copyOf(files);
        this.stats = stats;
        this.log = log;
    }

    /** The next record of this pass, or null when the last file of the pass is done. */
    Message next() throws IOException {
        while (index < files.size()) {
            RecordFile file = files.get(index);
            if (reader == null) {
                reader = open(file);
                if (reader == null) {
                    index++;
                    continue;
                }
            }
            Message message;
            try {
                message = reader.next();
            } catch (IOException e) {
                passLog().warn(file.name() + ": read failed (" + IoReason.of(e) + "); the rest of the file is skipped");
                stats.drop(Reason.READ_ERROR);
                message = null;
            }
            if (message != null) {
                passRecords++;
                return message;
            }
            long records = reader.records();
            closeReader();
            finishFile(file, records);
        }
        return null;
    }

    /** Starts the next pass at the first file. */
    void rewind() throws IOException {
        closeReader();
        index = 0;
        passRecords = 0;
        pass++;
    }

    /** Records returned in the current pass so far. */
    long passRecords() {
        return passRecords;
    }

    /** Files read so far (in the first pass) that gave no readable record; the unreadable ones are not among them. */
    List<String> filesWithoutRecords() {
        return new ArrayList<>(withoutRecords);
    }

    /** Files that could not be opened in the first pass, each with the reason, in reading order. */
    Map<String, String> unreadableFiles() {
        return new LinkedHashMap<>(unreadable);
    }

    List<String> files() {
        return files.stream().map(RecordFile::name).toList();
    }

    private void finishFile(RecordFile file, long records) {
        if (pass == 0 && records == 0) {
            withoutRecords.add(file.name());
        }
        index++;
    }

    private GorReader open(RecordFile file) {
        try {
            return file.open(stats, passLog());
        } catch (IOException e) {
            if (pass == 0) {
                String reason = IoReason.of(e);
                log.warn(file.name() + ": cannot read (" + reason + "); file skipped");
                stats.drop(Reason.UNREADABLE_FILE);
                unreadable.put(file.name(), reason);
            }
            return null;
        }
    }

    /** The log of the first pass; later ones count without a line. */
    private Log passLog() {
        return pass == 0 ? log : Log.SILENT;
    }

    private void closeReader() throws IOException {
        GorReader open = reader;
        reader = null;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeReader();
    }
}
