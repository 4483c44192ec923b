package dev.shadowtap.io.raw;

import java.util.SplittableRandom;

/**
 * Ids of captured requests: 24 hex digits, a random 8-digit prefix per input and a 16-digit
 * counter, so ids are unique within a run and, with overwhelming odds, across runs and inputs.
 * One thread only (the capture thread).
 */
final class RequestIds {
    private final String prefix;
    private long next;

    RequestIds() {
        this.prefix = String.format("%08x", new SplittableRandom().nextInt());
    }

    String next() {
        return prefix + String.format("%016x", ++next);
    }
}
