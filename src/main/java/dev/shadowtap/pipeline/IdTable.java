package dev.shadowtap.pipeline;

import java.util.Arrays;

/**
 * Ids mapped to small integer entries, at most {@code maxIds} of them, the least recently used
 * forgotten first: the storage under {@link ResponseVerdicts}. Everything lives in arrays (open
 * addressing over the entries, the recency order as two int links): an id costs no object of its own,
 * and an id of up to 24 lower-case hex digits (GoReplay's and the capture's) is kept as two longs,
 * not as its string. A live capture remembers ~100,000 ids at ~60,000 new ones a second: as map
 * entries they were young objects that each survived several collections and whose links into old
 * ones the collector rescanned (docs/benchmarks-history.md, "filtered capture"). Not thread-safe.
 */
final class IdTable {
    /** The most hex digits packed into {@link #packedHigh} and {@link #packedLow} (16 + 8). */
    static final int PACKED_DIGITS = 24;
    private static final long NOT_PACKED = -1L;
    private static final int NONE = -1;

    private final int maxIds;
    /** A packed id's first 16 hex digits (0 for a string id). */
    private long[] packedHigh;
    /** A packed id's other digits with its length above them, never negative; {@link #NOT_PACKED} for a string id. */
    private long[] packedLow;
    /** The id itself when it cannot be packed, else null. */
    private String[] text;
    private int[] hashes;
    private int[] older;
    private int[] newer;
    /** Entry + 1 at each hashed position; 0: free. Twice as many positions as entries at least. */
    private int[] slots;
    private int size;
    /** Least and most recently used entries. */
    private int oldest = NONE;
    private int newest = NONE;

    IdTable(int maxIds, int initialEntries) {
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds must be at least 1, not " + maxIds);
        }
        this.maxIds = maxIds;
        allocate(Math.max(1, Math.min(maxIds, initialEntries)));
    }

    /** Entries the arrays hold now; callers keep their own per-entry arrays this long. */
    int capacity() {
        return hashes.length;
    }

    int size() {
        return size;
    }

    /** The entry of {@code id}, made the most recently used; -1 when the id is not (or no longer) known. */
    int find(String id) {
        boolean packed = packable(id);
        long high = packed ? packHigh(id) : 0;
        long low = packed ? packLow(id) : NOT_PACKED;
        int hash = hash(id, high, low);
        int mask = slots.length - 1;
        for (int at = hash & mask; slots[at] != 0; at = (at + 1) & mask) {
            int e = slots[at] - 1;
            if (hashes[e] == hash && packedHigh[e] == high && packedLow[e] == low
                    && (packed || id.equals(text[e]))) {
                touch(e);
                return e;
            }
        }
        return NONE;
    }

    /**
     * A new entry for {@code id} (not in the table: {@link #find} said so), the most recently used. When
     * the table is full the least recently used id is forgotten and its entry reused: the caller resets
     * what it keeps for it. The arrays may grow: the caller checks {@link #capacity()} after.
     */
    int add(String id) {
        boolean packed = packable(id);
        long high = packed ? packHigh(id) : 0;
        long low = packed ? packLow(id) : NOT_PACKED;
        int e;
        if (size == maxIds) {
            e = oldest;
            unlink(e);
            unslot(e);
        } else {
            if (size == hashes.length) {
                allocate((int) Math.min(maxIds, 2L * hashes.length));
            }
            e = size++;
        }
        packedHigh[e] = high;
        packedLow[e] = low;
        text[e] = packed ? null : id;
        hashes[e] = hash(id, high, low);
        slot(e);
        linkNewest(e);
        return e;
    }

    /** True for an id of 1 to {@value #PACKED_DIGITS} lower-case hex digits. */
    static boolean packable(String id) {
        int n = id.length();
        if (n == 0 || n > PACKED_DIGITS) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (digit(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first 16 digits of a packable id (fewer when it is shorter). */
    private static long packHigh(String id) {
        long v = 0;
        for (int i = 0, n = Math.min(id.length(), 16); i < n; i++) {
            v = v << 4 | digit(id.charAt(i));
        }
        return v;
    }

    /** The digits after the 16th of a packable id, and its length above them: positive, unlike NOT_PACKED. */
    private static long packLow(String id) {
        long v = 0;
        for (int i = 16; i < id.length(); i++) {
            v = v << 4 | digit(id.charAt(i));
        }
        return (long) id.length() << 32 | v;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static int hash(String id, long high, long low) {
        long h = low == NOT_PACKED ? id.hashCode() : high * 0x9E3779B97F4A7C15L ^ low;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 32);
    }

    private void slot(int e) {
        int mask = slots.length - 1;
        int at = hashes[e] & mask;
        while (slots[at] != 0) {
            at = (at + 1) & mask;
        }
        slots[at] = e + 1;
    }

    /** Takes entry e out of the positions, moving later ones of its run back (no tombstones). */
    private void unslot(int e) {
        int mask = slots.length - 1;
        int at = hashes[e] & mask;
        while (slots[at] != e + 1) {
            at = (at + 1) & mask;
        }
        int free = at;
        for (int next = (free + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = hashes[slots[next] - 1] & mask;
            // the entry at next may move to free when free lies on its way from home to next
            if (((next - home) & mask) >= ((next - free) & mask)) {
                slots[free] = slots[next];
                free = next;
            }
        }
        slots[free] = 0;
    }

    private void touch(int e) {
        if (e != newest) {
            unlink(e);
            linkNewest(e);
        }
    }

    private void unlink(int e) {
        int o = older[e];
        int n = newer[e];
        if (o == NONE) {
            oldest = n;
        } else {
            newer[o] = n;
        }
        if (n == NONE) {
            newest = o;
        } else {
            older[n] = o;
        }
    }

    private void linkNewest(int e) {
        older[e] = newest;
        newer[e] = NONE;
        if (newest == NONE) {
            oldest = e;
        } else {
            newer[newest] = e;
        }
        newest = e;
    }

    private void allocate(int entries) {
        packedHigh = packedHigh == null ? new long[entries] : Arrays.copyOf(packedHigh, entries);
        packedLow = packedLow == null ? new long[entries] : Arrays.copyOf(packedLow, entries);
        text = text == null ? new String[entries] : Arrays.copyOf(text, entries);
        hashes = hashes == null ? new int[entries] : Arrays.copyOf(hashes, entries);
        older = older == null ? new int[entries] : Arrays.copyOf(older, entries);
        newer = newer == null ? new int[entries] : Arrays.copyOf(newer, entries);
        slots = new int[Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1];
        for (int e = 0; e < size; e++) {
            slot(e);
        }
    }
}
