package dev.shadowtap.io.raw;

import java.util.SplittableRandom;

/**
 * Ids of captured requests: 24 hex digits, a random 8-digit prefix per input and a 16-digit
 * counter, so ids are unique within a run and, with overwhelming odds, across runs and inputs.
 * One thread only (the capture thread).
 */
final class RequestIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] id = new byte[24];
    private long next;

    RequestIds() {
        int prefix = new SplittableRandom().nextInt();
        for (int i = 0; i < 8; i++) {
            id[i] = HEX[(prefix >>> (28 - 4 * i)) & 0xf];
        }
    }

    /** The next id; one call per captured request, so no formatter on this path. */
    String next() {
        long n = ++next;
        for (int i = 0; i < 16; i++) {
            id[8 + i] = HEX[(int) (n >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
