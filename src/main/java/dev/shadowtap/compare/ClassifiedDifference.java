package dev.shadowtap.compare;

import java.util.Objects;

/** A difference and why it is noise, or {@code noise == null} when it is a real difference. */
public record ClassifiedDifference(Difference difference, NoiseReason noise) {
    public ClassifiedDifference {
        Objects.requireNonNull(difference, "difference");
    }

    public boolean isNoise() {
        return noise != null;
    }
}
