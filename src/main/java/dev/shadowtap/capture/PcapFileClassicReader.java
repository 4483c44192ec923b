package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.packet.Bytes;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.core.Log;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Reads the records of a classic libpcap file (after its 24-byte header): either byte order,
 * microsecond or nanosecond timestamps. A record header that cannot be right is reported in one line
 * and the reader resynchronises on the next offset where two plausible records follow each other.
 */
final class PcapFileClassicReader {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** libpcap's own limit for a record's captured length, whatever the header's snaplen says. */
    private static final int MAX_CAPLEN = 262_144;
    /** The most a damaged header's snaplen can raise that limit to, so that no record can exhaust memory. */
    private static final int MAX_SNAPLEN = 16 << 20;
    private static final long MAX_SCAN = 64L << 20;

    private final PcapFileInput in;
    private final String name;
    private final Log log;
    private final FrameCounters counters;
    private final boolean bigEndian;
    private final boolean nanos;
    private final LinkType link;
    private final int maxCaplen;
    private long lastSeconds = -1;

    PcapFileClassicReader(PcapFileInput in, String name, Log log, FrameCounters counters,
                          boolean bigEndian, boolean nanos, int snaplen, LinkType link) {
        this.in = in;
        this.name = name;
        this.log = log;
        this.counters = counters;
        this.bigEndian = bigEndian;
        this.nanos = nanos;
        this.link = link;
        this.maxCaplen = snaplen > MAX_CAPLEN && snaplen <= MAX_SNAPLEN ? snaplen : MAX_CAPLEN;
    }

    void run(FrameSink sink, BooleanSupplier closed) throws IOException {
        while (!closed.getAsBoolean()) {
            long at = in.offset();
            int available = in.need(RECORD_HEADER);
            if (available == 0) {
                return;
            }
            if (available < RECORD_HEADER) {
                truncated(at, "record header", RECORD_HEADER, available);
                return;
            }
            byte[] b = in.buf;
            int p = in.pos;
            long seconds = Integer.toUnsignedLong(Bytes.i32(b, p, bigEndian));
            long fraction = Integer.toUnsignedLong(Bytes.i32(b, p + 4, bigEndian));
            int caplen = Bytes.i32(b, p + 8, bigEndian);
            int origlen = Bytes.i32(b, p + 12, bigEndian);
            if (caplen < 0 || caplen > maxCaplen || origlen < 0) {
                counters.drop(Reason.CORRUPT_RECORD);
                if (!resync(at, "caplen " + Integer.toUnsignedString(caplen))) {
                    return;
                }
                continue;
            }
            int whole = RECORD_HEADER + caplen;
            available = in.need(whole);
            if (available < whole) {
                truncated(at, "packet record", whole, available);
                return;
            }
            b = in.buf;
            p = in.pos;
            long ns = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
            lastSeconds = seconds;
            counters.frame(caplen);
            sink.frame(b, p + RECORD_HEADER, caplen, Math.max(origlen, caplen), ns, link);
            in.advance(whole);
        }
    }

    private void truncated(long at, String what, int wanted, int available) {
        counters.drop(Reason.TRUNCATED_FILE);
        log.warn(name + ": truncated " + what + " at byte " + at + " (" + available + " of " + wanted
                + " bytes before the end of the file); stopped there");
    }

    /**
     * Looks past a corrupt record header for the next offset where a record and the one after it
     * (or the end of the file) both look right, and continues there.
     */
    private boolean resync(long at, String why) throws IOException {
        in.advance(1);
        for (long scanned = 1; scanned < MAX_SCAN; scanned++) {
            int available = in.need(RECORD_HEADER);
            if (available < RECORD_HEADER) {
                break;
            }
            int caplen = plausibleCaplen(in.buf, in.pos);
            if (caplen >= 0) {
                int pair = 2 * RECORD_HEADER + caplen;
                int got = in.need(pair);
                boolean endsThere = got == RECORD_HEADER + caplen;
                if (endsThere || (got == pair && plausibleCaplen(in.buf, in.pos + RECORD_HEADER + caplen) >= 0)) {
                    long resumed = in.offset();
                    log.warn(name + ": corrupt record header at byte " + at + " (" + why + "); skipped "
                            + (resumed - at) + " bytes to the next record at byte " + resumed);
                    return true;
                }
            }
            in.advance(1);
        }
        log.warn(name + ": corrupt record header at byte " + at + " (" + why + "); no record found after it, stopped");
        return false;
    }

    /** The captured length of a record header at {@code p} that looks right, else -1. */
    private int plausibleCaplen(byte[] b, int p) {
        long seconds = Integer.toUnsignedLong(Bytes.i32(b, p, bigEndian));
        long fraction = Integer.toUnsignedLong(Bytes.i32(b, p + 4, bigEndian));
        int caplen = Bytes.i32(b, p + 8, bigEndian);
        int origlen = Bytes.i32(b, p + 12, bigEndian);
        boolean fractionOk = fraction < (nanos ? 1_000_000_000L : 1_000_000L);
        boolean lengthsOk = caplen >= 0 && caplen <= maxCaplen && origlen >= caplen && origlen <= 16 * maxCaplen;
        boolean timeOk = lastSeconds < 0 || Math.abs(seconds - lastSeconds) <= 86_400;
        return fractionOk && lengthsOk && timeOk ? caplen : -1;
    }
}
