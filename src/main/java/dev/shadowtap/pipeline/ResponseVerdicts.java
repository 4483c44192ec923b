package dev.shadowtap.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * than that many requests behind has no verdict). Thread-safe.
 */
public final class ResponseVerdicts {
    public static final int WINDOW = 1024;
    /** What {@link #responseVerdict} returns for a response with no known request. */
    public static final int UNKNOWN = -1;

    private final class IdState {
        long requests;
        long originals; // final type-2 responses that took their verdict
        long replayed; // final type-3 responses that took their verdict
        long first; // the verdicts of the first perWord requests; without a ring every later one was 0
        long[] ring;

        void record(int verdict) {
            long i = requests++;
            if (ring == null) {
                if (i < perWord) {
                    first |= (long) verdict << (i * bits);
                    return;
                }
                if (first == 0 && verdict == 0) {
                    return; // zeros only so far: nothing to remember
                }
                // at i == perWord when the first word has a non-zero verdict (its slots are the
                // ring's first ones), else at the first non-zero verdict, every one before it 0
                ring = new long[WINDOW / perWord];
                ring[0] = first;
            }
            int slot = (int) (i % WINDOW);
            int shift = (slot % perWord) * bits;
            ring[slot / perWord] = ring[slot / perWord] & ~(mask << shift) | (long) verdict << shift;
        }

        int verdict(long i) {
            if (i >= requests || requests - i > WINDOW) {
                return UNKNOWN;
            }
            if (ring == null) {
                return i < perWord ? (int) (first >>> (i * bits) & mask) : 0;
            }
            int slot = (int) (i % WINDOW);
            return (int) (ring[slot / perWord] >>> ((slot % perWord) * bits) & mask);
        }
    }

    private final Map<String, IdState> ids;
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
        this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IdState> eldest) {
                return size() > maxIds;
            }
        };
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
        ids.computeIfAbsent(id, k -> new IdState()).record(verdict);
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
        IdState s = ids.get(id);
        if (s == null) {
            return UNKNOWN;
        }
        boolean original = type != MessageType.REPLAYED;
        long next = original ? s.originals : s.replayed;
        if (next >= s.requests) {
            return UNKNOWN;
        }
        if (!interim && original) {
            s.originals = next + 1;
        } else if (!interim) {
            s.replayed = next + 1;
        }
        return s.verdict(next);
    }

    public synchronized int trackedIds() {
        return ids.size();
    }
}
