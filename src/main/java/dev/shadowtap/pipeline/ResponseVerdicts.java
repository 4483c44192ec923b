package dev.shadowtap.pipeline;

import java.util.Arrays;

/**
 * The verdict given to each request of each id, so its responses can follow it: the HTTP filters and
 * the {@code |N} / {@code |N%} limiters drop a request's responses with it (a verdict of 1: dropped),
 * {@code --split-output} sends them to the output the request was dealt to (the verdict: that output's
 * number). Real GoReplay files give every request on one keep-alive connection the same id, so the
 * verdicts of an id form a FIFO: the n-th final response of an id (type 2 and type 3 counted apart)
 * follows the n-th request's verdict. A 1xx interim response consumes nothing; it follows the verdict
 * of the next request awaiting its response, or has none when none is known (a 100 Continue is
 * recorded before its request). A response with no request awaiting it has no verdict and does not
 * move the count, so a response whose request was lost does not shift the pairing of the next ones.
 *
 * <p>Memory is bounded: at most {@code maxIds} ids (least recently used forgotten first; a forgotten
 * id's responses have no verdict), and per id only counters and the verdicts of its first requests in
 * one word (64 of them when a verdict is a bit, fewer when it needs more); an id with a non-zero
 * verdict among them, or later, gets a ring of the last {@value #WINDOW} verdicts (a response more
 * than that many requests behind has no verdict). The ids and their counters live in arrays
 * ({@link IdTable}): a live capture's hundred thousand ids are no objects for the collector to copy
 * and rescan. Thread-safe.
 */
public final class ResponseVerdicts {
    public static final int WINDOW = 1024;
    /** What {@link #responseVerdict} returns for a response with no known request. */
    public static final int UNKNOWN = -1;

    /** Ids a new table has room for before it grows. */
    private static final int INITIAL_IDS = 1024;

    /** The ids, each an entry of the arrays below (they grow with {@link IdTable#capacity()}). */
    private final IdTable ids;
    /**
     * Per entry, four longs side by side (one cache line): its requests, the final type-2 and type-3
     * responses that took their verdict, and the verdicts of its first perWord requests (without a
     * ring every later one was 0).
     */
    private long[] counts = new long[0];
    private static final int REQUESTS = 0;
    private static final int ORIGINALS = 1;
    private static final int REPLAYED = 2;
    private static final int FIRST = 3;
    /** The last {@value #WINDOW} verdicts of an id that had a non-zero one past its first word; mostly null. */
    private long[][] rings = new long[0][];
    private final int values;
    private final int bits; // per verdict: 1, 2, 4, 8 or 16
    private final int perWord;
    private final long mask;

    /** Verdicts that say whether a request was dropped. */
    public ResponseVerdicts(int maxIds) {
        this(maxIds, 2);
    }

    /** Verdicts from 0 to {@code values - 1} (at most 65,536 values). */
    public ResponseVerdicts(int maxIds, int values) {
        if (values < 1 || values > 1 << 16) {
            throw new IllegalArgumentException("verdicts take 1 to 65536 values, not " + values);
        }
        int needed = 32 - Integer.numberOfLeadingZeros(Math.max(1, values - 1));
        this.values = values;
        this.bits = Integer.highestOneBit(needed) == needed ? needed : Integer.highestOneBit(needed) << 1;
        this.perWord = 64 / bits;
        this.mask = (1L << bits) - 1;
        this.ids = new IdTable(maxIds, INITIAL_IDS);
        fit();
    }

    /** Records whether the next request of {@code id} was dropped. */
    public void request(String id, boolean dropped) {
        request(id, dropped ? 1 : 0);
    }

    /** Records the verdict of the next request of {@code id}. */
    public synchronized void request(String id, int verdict) {
        if (verdict < 0 || verdict >= values) {
            throw new IllegalArgumentException("verdict " + verdict + " is not below " + values);
        }
        int e = ids.find(id);
        if (e < 0) {
            e = ids.add(id);
            fit();
            Arrays.fill(counts, 4 * e, 4 * e + 4, 0);
            rings[e] = null;
        }
        record(e, verdict);
    }

    /** Keeps the next verdict of entry e. */
    private void record(int e, int verdict) {
        long i = counts[4 * e + REQUESTS]++;
        long[] ring = rings[e];
        if (ring == null) {
            if (i < perWord) {
                counts[4 * e + FIRST] |= (long) verdict << (i * bits);
                return;
            }
            if (counts[4 * e + FIRST] == 0 && verdict == 0) {
                return; // zeros only so far: nothing to remember
            }
            // at i == perWord when the first word has a non-zero verdict (its slots are the
            // ring's first ones), else at the first non-zero verdict, every one before it 0
            ring = new long[WINDOW / perWord];
            ring[0] = counts[4 * e + FIRST];
            rings[e] = ring;
        }
        int slot = (int) (i % WINDOW);
        int shift = (slot % perWord) * bits;
        ring[slot / perWord] = ring[slot / perWord] & ~(mask << shift) | (long) verdict << shift;
    }

    /** The verdict of entry e's request i; UNKNOWN when it is not (or no longer) known. */
    private int verdict(int e, long i) {
        if (i >= counts[4 * e + REQUESTS] || counts[4 * e + REQUESTS] - i > WINDOW) {
            return UNKNOWN;
        }
        long[] ring = rings[e];
        if (ring == null) {
            return i < perWord ? (int) (counts[4 * e + FIRST] >>> (i * bits) & mask) : 0;
        }
        int slot = (int) (i % WINDOW);
        return (int) (ring[slot / perWord] >>> ((slot % perWord) * bits) & mask);
    }

    /** Per-entry arrays as long as the table's. */
    private void fit() {
        int n = ids.capacity();
        if (rings.length < n) {
            counts = Arrays.copyOf(counts, 4 * n);
            rings = Arrays.copyOf(rings, n);
        }
    }

    /** Whether a response of {@code id} must be dropped because its request was. */
    public boolean dropResponse(String id, MessageType type, boolean interim) {
        return responseVerdict(id, type, interim) == 1;
    }

    /**
     * The verdict of the request a response of {@code id} answers, or {@link #UNKNOWN} when no request
     * of that id awaits its response (or it is forgotten); a final response takes its turn.
     */
    public synchronized int responseVerdict(String id, MessageType type, boolean interim) {
        int e = ids.find(id);
        if (e < 0) {
            return UNKNOWN;
        }
        boolean original = type != MessageType.REPLAYED;
        long next = original ? counts[4 * e + ORIGINALS] : counts[4 * e + REPLAYED];
        if (next >= counts[4 * e + REQUESTS]) {
            return UNKNOWN;
        }
        if (!interim && original) {
            counts[4 * e + ORIGINALS] = next + 1;
        } else if (!interim) {
            counts[4 * e + REPLAYED] = next + 1;
        }
        return verdict(e, next);
    }

    public synchronized int trackedIds() {
        return ids.size();
    }
}
