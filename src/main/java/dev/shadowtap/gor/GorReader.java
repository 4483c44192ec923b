package dev.shadowtap.gor;

import dev.shadowtap.pipeline.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.StageStats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads GoReplay records from a stream, one at a time, without trusting the stream: a record that
 * cannot be read (garbage header, non-hex id, truncated, corrupt gzip) is reported in one line that
 * names the source and byte offset, counted on the stage's stats by reason, and skipped; reading goes
 * on with the next record.
 *
 * <p>The separator is found with a Horspool search over a large buffer, so that ASCII payloads are
 * skipped 14 bytes at a time; each payload is copied once, into its message.
 */
public final class GorReader implements AutoCloseable {
    /** A record larger than this is reported and skipped rather than buffered without end. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 20;

    private static final byte[] SEP = GorFormat.SEPARATOR;
    private static final int SEP_LEN = SEP.length;
    private static final int[] SHIFT = new int[256];
    private static final int READ_CHUNK = 1 << 20;

    static {
        Arrays.fill(SHIFT, SEP_LEN);
        for (int i = 0; i < SEP_LEN - 1; i++) {
            SHIFT[SEP[i] & 0xff] = SEP_LEN - 1 - i;
        }
    }

    private final InputStream in;
    private final String source;
    private final StageStats stats;
    private final Log log;
    private final int maxRecordBytes;

    private byte[] buf = new byte[4 * READ_CHUNK];
    private int start;          // first byte of the current record in buf
    private int end;            // end of valid data in buf
    private int scanFrom;       // where the separator search resumes
    private long bufOffset;     // stream offset of buf[0]
    private boolean eof;
    private long records;

    public GorReader(InputStream in, String source, StageStats stats, Log log) {
        this(in, source, stats, log, DEFAULT_MAX_RECORD_BYTES);
    }

    public GorReader(InputStream in, String source, StageStats stats, Log log, int maxRecordBytes) {
        this.in = in;
        this.source = source;
        this.stats = stats;
        this.log = log;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Opens a file, through gzip when its name ends in .gz. */
    public static GorReader open(Path path, StageStats stats, Log log) throws IOException {
        InputStream raw = Files.newInputStream(path);
        try {
            InputStream in = GorFormat.isGzipName(path.toString()) ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new GorReader(in, path.toString(), stats, log);
        } catch (IOException e) {
            raw.close();
            throw new IOException(path + ":0: not a gzip file (" + e.getMessage() + ")", e);
        }
    }

    /** The records returned so far. */
    public long records() {
        return records;
    }

    /** The next readable record, or null at the end of the stream. */
    public Message next() throws IOException {
        while (true) {
            if (start == end && !fill()) {
                return null;
            }
            int sep = findSeparator();
            Message message;
            if (sep >= 0) {
                message = parse(start, sep, false);
                start = sep + SEP_LEN;
                scanFrom = start;
            } else {
                if (start == end) {
                    return null;
                }
                message = parse(start, end - partialSeparatorAtEnd(), true);
                start = end;
                scanFrom = end;
            }
            if (message != null) {
                records++;
                return message;
            }
        }
    }

    /** Index of the next separator at or after {@link #start}, reading more as needed; -1 at end of stream. */
    private int findSeparator() throws IOException {
        while (true) {
            int found = search(Math.max(scanFrom, start), end);
            if (found >= 0) {
                return found;
            }
            scanFrom = Math.max(start, end - (SEP_LEN - 1));
            if (end - start > maxRecordBytes) {
                long offset = bufOffset + start;
                skip("no separator within " + maxRecordBytes + " bytes", "oversized", offset);
                start = scanFrom;
            }
            if (!fill()) {
                return -1;
            }
        }
    }

    private int search(int from, int to) {
        byte[] b = buf;
        int i = from;
        int last = to - SEP_LEN;
        while (i <= last) {
            byte tail = b[i + SEP_LEN - 1];
            if (tail == '\n' && matchesAt(b, i)) {
                return i;
            }
            i += SHIFT[tail & 0xff];
        }
        return -1;
    }

    private static boolean matchesAt(byte[] b, int i) {
        for (int k = 0; k < SEP_LEN - 1; k++) {
            if (b[i + k] != SEP[k]) {
                return false;
            }
        }
        return true;
    }

    /** At end of stream: the length of a separator's beginning that the data stops in. */
    private int partialSeparatorAtEnd() {
        for (int k = Math.min(SEP_LEN - 1, end - start); k > 0; k--) {
            if (Arrays.equals(buf, end - k, end, SEP, 0, k)) {
                return k;
            }
        }
        return 0;
    }

    /** Reads more of the stream into the buffer; false when there is no more. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0 && (end == buf.length || start > buf.length / 2)) {
            System.arraycopy(buf, start, buf, 0, end - start);
            bufOffset += start;
            end -= start;
            scanFrom -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, end, Math.min(READ_CHUNK, buf.length - end));
            if (n < 0) {
                eof = true;
                return false;
            }
            end += n;
            return true;
        } catch (EOFException | ZipException e) {
            eof = true;
            String problem = e instanceof EOFException ? "truncated gzip stream" : "corrupt gzip stream";
            log.warn(source + ":" + (bufOffset + end) + ": " + problem + " (" + e.getMessage()
                    + "); the rest of the file is skipped");
            stats.drop(e instanceof EOFException ? "truncated-gzip" : "corrupt-gzip");
            // The bytes after the last separator belong to a record that was cut off.
            if (end > start) {
                stats.drop("truncated");
            }
            start = end;
            return false;
        }
    }

    private void skip(String problem, String reason, long offset) {
        log.warn(source + ":" + offset + ": " + problem + "; record skipped");
        stats.drop(reason);
    }

    /** Parses buf[from, to) as one record; null (after reporting) when it is not one. */
    private Message parse(int from, int to, boolean last) {
        long offset = bufOffset + from;
        byte[] b = buf;
        int nl = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            if (last) {
                skip("truncated record (" + (to - from) + " bytes, no complete header line)", "truncated", offset);
            } else {
                skip("record without a header line: " + quote(from, to), "bad-header", offset);
            }
            return null;
        }
        int p = from;
        MessageType type = MessageType.fromCode(b[p]);
        if (type == null || p + 1 >= nl || b[p + 1] != ' ') {
            skip("bad header line " + quote(from, nl), "bad-header", offset);
            return null;
        }
        p += 2;
        int idStart = p;
        while (p < nl && b[p] != ' ') {
            if (Character.digit(b[p], 16) < 0) {
                skip("non-hex id in header " + quote(from, nl), "bad-id", offset);
                return null;
            }
            p++;
        }
        if (p == idStart || p >= nl) {
            skip("bad header line " + quote(from, nl), "bad-header", offset);
            return null;
        }
        String id = new String(b, idStart, p - idStart, StandardCharsets.US_ASCII);
        long timestamp = 0;
        int digits = 0;
        for (p++; p < nl && b[p] != ' '; p++, digits++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9 || digits >= 19) {
                skip("bad timestamp in header " + quote(from, nl), "bad-header", offset);
                return null;
            }
            timestamp = timestamp * 10 + d;
        }
        if (digits == 0) {
            skip("bad header line " + quote(from, nl), "bad-header", offset);
            return null;
        }
        long latency = Message.NO_LATENCY;
        if (p < nl) {
            latency = 0;
            digits = 0;
            for (p++; p < nl; p++, digits++) {
                int d = b[p] - '0';
                if (d < 0 || d > 9 || digits >= 19) {
                    skip("bad latency in header " + quote(from, nl), "bad-header", offset);
                    return null;
                }
                latency = latency * 10 + d;
            }
            if (digits == 0) {
                skip("bad header line " + quote(from, nl), "bad-header", offset);
                return null;
            }
        }
        byte[] payload = Arrays.copyOfRange(b, nl + 1, to);
        return new Message(type, id, timestamp, latency, payload);
    }

    private String quote(int from, int to) {
        int shown = Math.min(to - from, 80);
        String text = new String(buf, from, shown, StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n");
        return "'" + text + (shown < to - from ? "...'" : "'");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
