package dev.shadowtap.http.transform;

import dev.shadowtap.pipeline.MessageType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which requests of each id were dropped, so their responses can be dropped too. Real GoReplay files
 * give every request on one keep-alive connection the same id, so the verdicts of an id form a FIFO:
 * the n-th final response of an id (type 2 and type 3 counted apart) follows the n-th request's
 * verdict. A 1xx interim response consumes nothing; it follows the verdict of the next request
 * awaiting its response, or passes when none is known (a 100 Continue is recorded before its request).
 * A response with no request awaiting it passes without moving the count, so a response whose
 * request was lost does not shift the pairing of the next ones.
 *
 * <p>Memory is bounded: at most {@code maxIds} ids (least recently used forgotten first; a forgotten
 * id's responses pass), and per id only counters plus, once the id has a dropped request, a ring of
 * the last {@value #WINDOW} verdicts (a response more than that many requests behind passes).
 * Thread-safe.
 */
final class ResponseVerdicts {
    static final int WINDOW = 1024;

    private static final class IdState {
        long requests;
        final long[] responses = new long[2];
        long[] dropped;

        void record(boolean drop) {
            long i = requests++;
            if (drop && dropped == null) {
                dropped = new long[WINDOW / 64];
            }
            if (dropped != null) {
                int bit = (int) (i % WINDOW);
                if (drop) {
                    dropped[bit >>> 6] |= 1L << bit;
                } else {
                    dropped[bit >>> 6] &= ~(1L << bit);
                }
            }
        }

        boolean wasDropped(long i) {
            if (dropped == null || i >= requests || requests - i > WINDOW) {
                return false;
            }
            int bit = (int) (i % WINDOW);
            return (dropped[bit >>> 6] & (1L << bit)) != 0;
        }
    }

    private final Map<String, IdState> ids;

    ResponseVerdicts(int maxIds) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IdState> eldest) {
                return size() > maxIds;
            }
        };
    }

    /** Records the verdict of the next request of {@code id}. */
    synchronized void request(String id, boolean dropped) {
        ids.computeIfAbsent(id, k -> new IdState()).record(dropped);
    }

    /** Whether a response of {@code id} must be dropped because its request was. */
    synchronized boolean dropResponse(String id, MessageType type, boolean interim) {
        IdState s = ids.get(id);
        if (s == null) {
            return false;
        }
        int cursor = type == MessageType.REPLAYED ? 1 : 0;
        long next = s.responses[cursor];
        if (next >= s.requests) {
            return false;
        }
        if (!interim) {
            s.responses[cursor] = next + 1;
        }
        return s.wasDropped(next);
    }

    synchronized int trackedIds() {
        return ids.size();
    }
}
