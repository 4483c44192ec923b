package dev.shadowtap.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which requests of each id were dropped, so their responses can be dropped too: the HTTP filters and
 * the {@code |N} / {@code |N%} limiters keep a request and its responses together. Real GoReplay files
 * give every request on one keep-alive connection the same id, so the verdicts of an id form a FIFO:
 * the n-th final response of an id (type 2 and type 3 counted apart) follows the n-th request's
 * verdict. A 1xx interim response consumes nothing; it follows the verdict of the next request
 * awaiting its response, or passes when none is known (a 100 Continue is recorded before its request).
 * A response with no request awaiting it passes without moving the count, so a response whose
 * request was lost does not shift the pairing of the next ones.
 *
 * <p>Memory is bounded: at most {@code maxIds} ids (least recently used forgotten first; a forgotten
 * id's responses pass), and per id only counters and the verdicts of its first 64 requests in one word;
 * an id with a dropped request among them, or later, gets a ring of the last {@value #WINDOW} verdicts
 * (a response more than that many requests behind passes). Thread-safe.
 */
public final class ResponseVerdicts {
    public static final int WINDOW = 1024;

    private static final class IdState {
        long requests;
        long originals; // final type-2 responses that took their verdict
        long replayed; // final type-3 responses that took their verdict
        long first64; // the verdicts of requests 0..63; without a ring every later one passed
        long[] ring;

        void record(boolean drop) {
            long i = requests++;
            if (ring == null) {
                if (i < 64) {
                    first64 |= drop ? 1L << i : 0;
                    return;
                }
                if (first64 == 0 && !drop) {
                    return; // passes only so far: nothing to remember
                }
                // at i == 64 when the first 64 had a drop (they sit at the same bits of the ring),
                // else at the first drop, every verdict before it a pass
                ring = new long[WINDOW / 64];
                ring[0] = first64;
            }
            int bit = (int) (i % WINDOW);
            if (drop) {
                ring[bit >>> 6] |= 1L << bit;
            } else {
                ring[bit >>> 6] &= ~(1L << bit);
            }
        }

        boolean wasDropped(long i) {
            if (i >= requests || requests - i > WINDOW) {
                return false;
            }
            if (ring == null) {
                return i < 64 && (first64 & (1L << i)) != 0;
            }
            int bit = (int) (i % WINDOW);
            return (ring[bit >>> 6] & (1L << bit)) != 0;
        }
    }

    private final Map<String, IdState> ids;

    public ResponseVerdicts(int maxIds) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IdState> eldest) {
                return size() > maxIds;
            }
        };
    }

    /** Records the verdict of the next request of {@code id}. */
    public synchronized void request(String id, boolean dropped) {
        ids.computeIfAbsent(id, k -> new IdState()).record(dropped);
    }

    /** Whether a response of {@code id} must be dropped because its request was. */
    public synchronized boolean dropResponse(String id, MessageType type, boolean interim) {
        IdState s = ids.get(id);
        if (s == null) {
            return false;
        }
        boolean original = type != MessageType.REPLAYED;
        long next = original ? s.originals : s.replayed;
        if (next >= s.requests) {
            return false;
        }
        if (!interim && original) {
            s.originals = next + 1;
        } else if (!interim) {
            s.replayed = next + 1;
        }
        return s.wasDropped(next);
    }

    /**
     * Whether a response payload is a 1xx interim one (not 101), from its status line's first bytes:
     * {@code HTTP/1.d 1dd} followed by a space or the line's end.
     */
    public static boolean isInterim(byte[] p) {
        return p.length >= 13 && p[0] == 'H' && p[1] == 'T' && p[2] == 'T' && p[3] == 'P' && p[4] == '/'
                && p[5] == '1' && p[6] == '.' && isDigit(p[7]) && p[8] == ' '
                && p[9] == '1' && isDigit(p[10]) && isDigit(p[11]) && !(p[10] == '0' && p[11] == '1')
                && (p[12] == ' ' || p[12] == '\r' || p[12] == '\n');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    public synchronized int trackedIds() {
        return ids.size();
    }
}
