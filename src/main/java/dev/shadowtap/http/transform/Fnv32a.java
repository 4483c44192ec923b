package dev.shadowtap.http.transform;

/** The 32-bit FNV-1a hash, as Go's {@code hash/fnv.New32a}, over ISO-8859-1 text (one byte per char). */
public final class Fnv32a {
    static final int OFFSET_BASIS = 0x811c9dc5;
    static final int PRIME = 0x01000193;

    private Fnv32a() {
    }

    static int hash(byte[] b, int from, int to) {
        int h = OFFSET_BASIS;
        for (int i = from; i < to; i++) {
            h ^= b[i] & 0xff;
            h *= PRIME;
        }
        return h;
    }

    /** The hash of the bytes of {@code s}, each char being one byte (ISO-8859-1). */
    public static int hash(CharSequence s, int from, int to) {
        int h = OFFSET_BASIS;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i) & 0xff;
            h *= PRIME;
        }
        return h;
    }

    /** GoReplay's sampling test: {@code hash % 100 < percent}, with the hash unsigned. */
    static boolean keeps(int hash, int percent) {
        return Integer.remainderUnsigned(hash, 100) < percent;
    }
}
