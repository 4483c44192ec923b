package dev.shadowtap.http.transform;

import java.nio.charset.StandardCharsets;

/** An independent FNV-32a in long arithmetic, to check the production one and GoReplay's keep rule. */
final class FnvHash {
    private FnvHash() {
    }

    static long fnv32a(String s) {
        long h = 2166136261L;
        for (byte b : s.getBytes(StandardCharsets.ISO_8859_1)) {
            h ^= b & 0xff;
            h = (h * 16777619L) & 0xffffffffL;
        }
        return h;
    }

    static boolean kept(String value, int percent) {
        return fnv32a(value) % 100 < percent;
    }
}
