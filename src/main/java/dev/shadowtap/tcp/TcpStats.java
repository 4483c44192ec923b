package dev.shadowtap.tcp;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of TCP reassembly, shareable by the reassemblers of all shards (writers never wait).
 * Every payload byte that reaches the reassembler ends up counted exactly once: delivered, or not
 * delivered for a reason (retransmitted, overlapping, after close, out of window, RST-dropped, no
 * connection), or still held. Bytes that never arrived are counted as gaps, by {@link GapReason}.
 *
 * <p>Segments and their payload bytes are counted on a pipeline {@link StageStats} (as its messages
 * and bytes), and so is every loss <em>event</em> (one per gap, one per RST that dropped held data),
 * so {@code --stats} and the exit summary show the stage like any other; the byte counts by reason
 * are here, in {@link #snapshot()}.
 */
public final class TcpStats {
    private final StageStats stage;
    private final LongAdder deliveredBytes = new LongAdder();
    private final LongAdder noConnectionSegments = new LongAdder();
    private final LongAdder noConnectionBytes = new LongAdder();
    private final LongAdder retransmittedBytes = new LongAdder();
    private final LongAdder overlappingBytes = new LongAdder();
    private final LongAdder afterCloseBytes = new LongAdder();
    private final LongAdder outOfWindowBytes = new LongAdder();
    private final LongAdder rstDroppedBytes = new LongAdder();
    private final LongAdder outOfOrderSegments = new LongAdder();
    private final LongAdder outOfOrderBytes = new LongAdder();
    private final LongAdder heldBytes = new LongAdder();
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder midstreamOpened = new LongAdder();
    private final LongAdder[] closed = adders(CloseReason.values().length);
    private final LongAdder[] gaps = adders(GapReason.values().length);
    private final LongAdder[] gapBytes = adders(GapReason.values().length);

    /** Counters of their own, not reported with the pipeline's stages. */
    public TcpStats() {
        this(new StageStats("tcp"));
    }

    /** Counts segments and loss events on {@code stage} too, e.g. {@code new TcpStats(stats.stage("tcp"))}. */
    public TcpStats(StageStats stage) {
        this.stage = stage;
    }

    public StageStats stage() {
        return stage;
    }

    void segment(int payload) {
        stage.passed(payload);
    }

    void delivered(int n) {
        deliveredBytes.add(n);
    }

    void noConnection(int n) {
        noConnectionSegments.increment();
        noConnectionBytes.add(n);
    }

    void retransmitted(long n) {
        retransmittedBytes.add(n);
    }

    void overlapping(long n) {
        overlappingBytes.add(n);
    }

    void afterClose(long n) {
        afterCloseBytes.add(n);
    }

    void outOfWindow(long n) {
        outOfWindowBytes.add(n);
        stage.drop(Reason.OUT_OF_WINDOW);
    }

    void rstDropped(long n) {
        if (n > 0) {
            rstDroppedBytes.add(n);
            stage.drop(Reason.RST_DROPPED);
        }
    }

    void held(int n) {
        outOfOrderSegments.increment();
        outOfOrderBytes.add(n);
        heldBytes.add(n);
    }

    void released(long n) {
        heldBytes.add(-n);
    }

    void opened(boolean midstream) {
        connectionsOpened.increment();
        if (midstream) {
            midstreamOpened.increment();
        }
    }

    void closed(CloseReason reason) {
        closed[reason.ordinal()].increment();
    }

    void gap(GapReason reason, long length) {
        gaps[reason.ordinal()].increment();
        gapBytes[reason.ordinal()].add(length);
        stage.drop(reason.reason());
    }

    public Snapshot snapshot() {
        Map<CloseReason, Long> closedBy = new LinkedHashMap<>();
        for (CloseReason r : CloseReason.values()) {
            closedBy.put(r, closed[r.ordinal()].sum());
        }
        Map<GapReason, Long> gapCount = new LinkedHashMap<>();
        Map<GapReason, Long> gapLength = new LinkedHashMap<>();
        for (GapReason r : GapReason.values()) {
            gapCount.put(r, gaps[r.ordinal()].sum());
            gapLength.put(r, gapBytes[r.ordinal()].sum());
        }
        return new Snapshot(stage.messages(), stage.bytes(), deliveredBytes.sum(), noConnectionSegments.sum(),
                noConnectionBytes.sum(), retransmittedBytes.sum(), overlappingBytes.sum(), afterCloseBytes.sum(),
                outOfWindowBytes.sum(), rstDroppedBytes.sum(), outOfOrderSegments.sum(), outOfOrderBytes.sum(),
                heldBytes.sum(), connectionsOpened.sum(), midstreamOpened.sum(), Map.copyOf(closedBy), Map.copyOf(gapCount),
                Map.copyOf(gapLength));
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /**
     * A point-in-time copy. {@code payloadBytes == deliveredBytes + notDeliveredBytes() + heldBytes}
     * once the reassemblers are quiet.
     */
    public record Snapshot(long segments, long payloadBytes, long deliveredBytes, long noConnectionSegments,
                           long noConnectionBytes, long retransmittedBytes, long overlappingBytes, long afterCloseBytes,
                           long outOfWindowBytes, long rstDroppedBytes, long outOfOrderSegments, long outOfOrderBytes,
                           long heldBytes, long connectionsOpened, long midstreamOpened, Map<CloseReason, Long> closed,
                           Map<GapReason, Long> gaps, Map<GapReason, Long> gapBytes) {

        /** Bytes seen but not delivered (duplicates included), summed over the reasons. */
        public long notDeliveredBytes() {
            return noConnectionBytes + retransmittedBytes + overlappingBytes + afterCloseBytes + outOfWindowBytes
                    + rstDroppedBytes;
        }

        public long gapCount() {
            return gaps.values().stream().mapToLong(Long::longValue).sum();
        }

        public long gapBytesTotal() {
            return gapBytes.values().stream().mapToLong(Long::longValue).sum();
        }

        public long closedTotal() {
            return closed.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Connections not closed yet: opened minus closed for any reason. */
        public long open() {
            return connectionsOpened - closedTotal();
        }

        /**
         * Bytes not delivered, by reason, for {@code --stats} and the exit summary: the
         * duplicates (retransmitted, overlapping) that are normal TCP, and the real losses.
         */
        public Map<Reason, Long> bytesByReason() {
            Map<Reason, Long> m = new LinkedHashMap<>();
            m.put(Reason.RETRANSMITTED, retransmittedBytes);
            m.put(Reason.OVERLAPPING, overlappingBytes);
            m.put(Reason.AFTER_CLOSE, afterCloseBytes);
            m.put(Reason.NO_CONNECTION, noConnectionBytes);
            m.put(Reason.OUT_OF_WINDOW, outOfWindowBytes);
            m.put(Reason.RST_DROPPED, rstDroppedBytes);
            for (GapReason reason : GapReason.values()) {
                m.put(reason.reason(), gapBytes.get(reason));
            }
            return m;
        }
    }
}
