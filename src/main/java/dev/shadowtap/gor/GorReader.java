package dev.shadowtap.gor;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.http.HttpLines;
import dev.shadowtap.http.MessageLength;
import dev.shadowtap.pipeline.Message;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads GoReplay records from a stream, one at a time, without trusting the stream. A record that
 * cannot be read (garbage header, non-hex id, cut short, corrupt or truncated gzip) is reported in
 * one line {@code source:offset: problem; record skipped}, counted on the stage's stats by reason,
 * and skipped; reading goes on with the next record. Offsets count bytes of the (decompressed)
 * record stream.
 *
 * <p>Two repairs, both reported: a record that lacks its separator before the next header line is
 * split where its HTTP framing ends (reason {@code missing-separator}, both records kept), and a last
 * record without a separator is kept when its HTTP framing says it is complete (GoReplay drops it).
 *
 * <p>The separator is found by probing every twelfth byte of a large buffer for the high bit its
 * middle bytes all have, so ASCII payloads are skipped twelve bytes at a time; each payload is copied
 * once, from the buffer into its message.
 */
public final class GorReader implements AutoCloseable {
    /** A record larger than this is reported and skipped rather than buffered without end. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 20;

    private static final byte[] SEP = GorFormat.SEPARATOR;
    private static final int SEP_LEN = SEP.length;
    private static final int PROBE_STRIDE = SEP_LEN - 2;
    private static final int READ_CHUNK = 1 << 20;

    private final InputStream in;
    private final String source;
    private final StageStats stats;
    private final Log log;
    private final int maxRecordBytes;
    /** A network stream: a record is whole only with its separator (see {@link #ofStream}). */
    private final boolean separatorRequired;

    private byte[] buf;
    private int start;          // first byte of the current record in buf
    private int end;            // end of valid data in buf
    private int scanFrom;       // where the separator search resumes
    private int resume;         // where the record after the one just parsed begins
    private long bufOffset;     // stream offset of buf[0]
    private boolean eof;
    private boolean discarding; // inside an oversized record, already reported, until its separator
    private long records;

    public GorReader(InputStream in, String source, StageStats stats, Log log) {
        this(in, source, stats, log, DEFAULT_MAX_RECORD_BYTES);
    }

    public GorReader(InputStream in, String source, StageStats stats, Log log, int maxRecordBytes) {
        this(in, source, stats, log, maxRecordBytes, false, 4 * READ_CHUNK);
    }

    private GorReader(InputStream in, String source, StageStats stats, Log log, int maxRecordBytes,
                      boolean separatorRequired, int initialBuffer) {
        this.in = in;
        this.source = source;
        this.stats = stats;
        this.log = log;
        this.maxRecordBytes = Math.max(maxRecordBytes, 64);
        this.separatorRequired = separatorRequired;
        this.buf = new byte[initialBuffer];
    }

    /**
     * A reader of a network stream (GoReplay's {@code --output-tcp} form), which starts with a small
     * buffer (it grows to about twice {@code maxRecordBytes} at most) and keeps no record that the
     * stream ends inside: there the sender broke off and sends the record again whole, so the bytes
     * after the last separator are counted {@code truncated} and skipped.
     */
    public static GorReader ofStream(InputStream in, String source, StageStats stats, Log log, int maxRecordBytes) {
        return new GorReader(in, source, stats, log, maxRecordBytes, true, 64 << 10);
    }

    /**
     * Opens a file, through gzip when its name ends in .gz. A .gz file that does not even start as
     * gzip is reported and counted like any other corrupt stream, and reads as empty.
     */
    public static GorReader open(Path path, StageStats stats, Log log) throws IOException {
        return open(Files.newInputStream(path), path.toString(), stats, log);
    }

    /**
     * Reads a stream named {@code name} (a file, an S3 object), through gzip when the name ends in .gz,
     * as {@link #open(Path, StageStats, Log)} does. Closing the reader closes the stream.
     */
    public static GorReader open(InputStream raw, String name, StageStats stats, Log log) throws IOException {
        if (!GorFormat.isGzipName(name)) {
            return new GorReader(raw, name, stats, log);
        }
        try {
            return new GorReader(new GZIPInputStream(raw, 1 << 16), name, stats, log);
        } catch (EOFException | ZipException e) {
            raw.close();
            boolean truncated = e instanceof EOFException;
            log.warn(name + ":0: " + (truncated ? "truncated" : "corrupt") + " gzip stream (" + e.getMessage()
                    + "); record skipped");
            stats.drop(truncated ? Reason.TRUNCATED_GZIP : Reason.CORRUPT_GZIP);
            return new GorReader(InputStream.nullInputStream(), name, stats, log);
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
            if (discarding) {
                if (sep < 0) {
                    start = end;
                    scanFrom = end;
                    return null;
                }
                discarding = false;
                start = sep + SEP_LEN;
                scanFrom = start;
                continue;
            }
            if (sep - start > maxRecordBytes) {
                skip("no separator within " + maxRecordBytes + " bytes", Reason.OVERSIZED, bufOffset + start);
                start = sep + SEP_LEN;
                scanFrom = start;
                continue;
            }
            Message message;
            if (sep >= 0) {
                resume = sep + SEP_LEN;
                message = parse(start, sep, false);
                scanFrom = resume == sep + SEP_LEN ? resume : sep;
            } else {
                if (start == end) {
                    return null;
                }
                resume = end;
                if (separatorRequired) {
                    skip("stream ended inside a record (" + (end - start) + " bytes, no separator)",
                            Reason.TRUNCATED, bufOffset + start);
                    start = end;
                    scanFrom = end;
                    return null;
                }
                message = parse(start, end, true);
                scanFrom = end;
            }
            start = resume;
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
                if (!discarding) {
                    skip("no separator within " + maxRecordBytes + " bytes", Reason.OVERSIZED, bufOffset + start);
                    discarding = true;
                }
                start = scanFrom;
            }
            if (!fill()) {
                return -1;
            }
        }
    }

    /**
     * The first separator wholly inside buf[from, to), or -1. The separator's twelve middle bytes all
     * have the high bit set, so one probe every twelve bytes cannot miss it; text payloads are ASCII,
     * so a probe rarely hits, and the probes do not depend on each other (unlike a Horspool shift).
     */
    private int search(int from, int to) {
        byte[] b = buf;
        int lastProbe = to - 2;
        for (int p = from + PROBE_STRIDE; p <= lastProbe; p += PROBE_STRIDE) {
            if (b[p] < 0) {
                int found = candidates(b, Math.max(from, p - PROBE_STRIDE), p, to);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    /** The first separator starting in b[first, last) that fits before {@code to}, or -1. */
    private static int candidates(byte[] b, int first, int last, int to) {
        int stop = Math.min(last, to - SEP_LEN + 1);
        for (int s = first; s < stop; s++) {
            if (b[s] == '\n' && b[s + 1] == SEP[1] && matchesAt(b, s)) {
                return s;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] b, int i) {
        for (int k = 0; k < SEP_LEN; k++) {
            if (b[i + k] != SEP[k]) {
                return false;
            }
        }
        return true;
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
            // The bytes since the last separator belong to a record the damage cut off.
            eof = true;
            boolean truncated = e instanceof EOFException;
            if (!discarding) {
                skip((truncated ? "truncated" : "corrupt") + " gzip stream (" + e.getMessage() + ") after "
                        + (end - start) + " bytes of this record", truncated ? Reason.TRUNCATED_GZIP : Reason.CORRUPT_GZIP,
                        bufOffset + start);
            }
            discarding = false;
            start = end;
            scanFrom = end;
            return false;
        }
    }

    private void skip(String problem, Reason reason, long offset) {
        log.warn(source + ":" + offset + ": " + problem + "; record skipped");
        stats.drop(reason);
    }

    /**
     * Parses buf[from, to) as one record, {@code to} being its separator or, when {@code last}, the
     * end of the stream; null (after reporting) when it is not one. Sets {@link #resume} when a
     * missing separator means the next record starts inside these bytes.
     */
    private Message parse(int from, int to, boolean last) {
        long offset = bufOffset + from;
        byte[] b = buf;
        int nl = HttpLines.indexOfLf(b, from, to);
        if (nl < 0) {
            if (last) {
                skip("truncated record (" + (to - from) + " bytes, no complete header line)", Reason.TRUNCATED, offset);
            } else {
                skip("record without a header line: " + quote(from, to), Reason.BAD_HEADER, offset);
            }
            return null;
        }
        HeaderLine.Valid header;
        switch (HeaderLine.parse(b, from, nl)) {
            case HeaderLine.Problem bad -> {
                skip(bad.problem() + " " + quote(from, nl), bad.reason(), offset);
                return null;
            }
            case HeaderLine.Valid line -> header = line;
        }
        int payloadStart = nl + 1;
        int payloadEnd = last ? to - partialSeparatorAtEnd(payloadStart, to) : to;
        long framed = MessageLength.of(b, payloadStart, payloadEnd);
        int payloadLength = payloadEnd - payloadStart;
        if (framed >= 0 && framed < payloadLength) {
            int next = nextHeaderAfter(b, payloadStart + (int) framed, payloadEnd);
            if (next >= 0) {
                log.warn(source + ":" + (bufOffset + next) + ": missing separator before this record; "
                        + "split where the previous record's HTTP message ends, both records kept");
                stats.repaired(Reason.MISSING_SEPARATOR);
                payloadEnd = next;
                resume = next;
            }
        } else if (last && MessageLength.isCut(framed, payloadLength)) {
            skip("truncated record (" + (framed == MessageLength.HEADERS_INCOMPLETE ? "HTTP headers incomplete"
                    : framed == MessageLength.CHUNKS_INCOMPLETE ? "chunked body without its last chunk"
                    : "HTTP framing says " + framed + " payload bytes, " + payloadLength + " present")
                    + ", no separator at end of input)", Reason.TRUNCATED, offset);
            return null;
        }
        byte[] payload = Arrays.copyOfRange(b, payloadStart, payloadEnd);
        return new Message(header.type(), header.id(), header.timestampNs(), header.latencyNs(), payload,
                dev.shadowtap.core.Connection.UNKNOWN, dev.shadowtap.pipeline.Receipt.NONE, header.extra());
    }

    /**
     * At end of stream: how many bytes at the end of the payload b[from, to) are the beginning of a
     * separator that the stream stops in. A lone trailing newline is kept as payload unless HTTP
     * framing says it is not part of the message.
     */
    private int partialSeparatorAtEnd(int from, int to) {
        for (int k = Math.min(SEP_LEN - 1, to - from); k > 0; k--) {
            if (Arrays.equals(buf, to - k, to, SEP, 0, k)) {
                if (k == 1 && MessageLength.of(buf, from, to - 1) != to - 1 - from) {
                    return 0;
                }
                return k;
            }
        }
        return 0;
    }

    /**
     * Where a record header starts right after an HTTP message ending at {@code at}, allowing the stray
     * CRLF some clients send after a body (it stays with the message); -1 when none does.
     */
    private static int nextHeaderAfter(byte[] b, int at, int to) {
        if (HeaderLine.endAt(b, at, to) >= 0) {
            return at;
        }
        int crlf = at + 1 < to && b[at] == '\r' && b[at + 1] == '\n' ? 2 : at < to && b[at] == '\n' ? 1 : 0;
        return crlf > 0 && HeaderLine.endAt(b, at + crlf, to) >= 0 ? at + crlf : -1;
    }

    /** Up to 80 bytes of the input, quoted on one line: control and non-ASCII bytes as \\xHH. */
    private String quote(int from, int to) {
        int shown = Math.min(to - from, 80);
        StringBuilder text = new StringBuilder(shown + 8).append('\'');
        for (int i = from; i < from + shown; i++) {
            int c = buf[i] & 0xff;
            switch (c) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        text.append(String.format("\\x%02x", c));
                    } else {
                        text.append((char) c);
                    }
                }
            }
        }
        return text.append(shown < to - from ? "...'" : "'").toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
