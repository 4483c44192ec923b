package dev.shadowtap.compare;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of one comparison: what the user asked for, and the bounds of what it keeps.
 *
 * @param reportDir {@code --compare-report}: where the four report files go; null for none
 * @param ignore    {@code --compare-ignore} rules
 * @param failAbove {@code --compare-fail-above} as a fraction
 * @param secondary {@code --compare-secondary}: a second instance of the old version; null for none
 * @param limits    how much the comparison keeps and waits for
 */
public record CompareConfig(Path reportDir, List<IgnoreRule> ignore, OptionalDouble failAbove, URI secondary,
                            Limits limits) {
    public static final int DEFAULT_MAX_PENDING = 10_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_BODY = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_ORIGINALS = 1000;
    /** Original responses larger than this are not kept for learning. */
    public static final int MAX_REMEMBERED_BODY = 64 * 1024;

    public CompareConfig {
        ignore = List.copyOf(ignore);
        Objects.requireNonNull(failAbove, "failAbove");
        Objects.requireNonNull(limits, "limits");
    }

    /** The default limits with these user settings. */
    public static CompareConfig of(Path reportDir, List<IgnoreRule> ignore, OptionalDouble failAbove, URI secondary) {
        return new CompareConfig(reportDir, ignore, failAbove, secondary, Limits.DEFAULT);
    }

    /**
     * @param maxPending   exchanges waiting for their parts at most (the oldest is pushed out: {@code table-full})
     * @param maxAge       longest wait for the parts of an exchange ({@code expired})
     * @param maxBody      largest decoded body, in bytes (larger are compared as received)
     * @param maxOriginals distinct requests whose last original response is kept to learn noise
     */
    public record Limits(int maxPending, Duration maxAge, int maxBody, int maxOriginals) {
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_PENDING, DEFAULT_MAX_AGE, DEFAULT_MAX_BODY,
                DEFAULT_MAX_ORIGINALS);

        public Limits {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxPending < 1 || maxBody < 1 || maxOriginals < 0 || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("compare limits must be positive");
            }
        }
    }
}
