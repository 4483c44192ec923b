package dev.shadowtap.cli;

import dev.shadowtap.compare.IgnoreRule;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code --compare*} flags: whether to compare replayed responses with the originals
 * ({@code --compare}, or implied by {@code --compare-report} and {@code --compare-fail-above}), the report
 * directory, the noise rules, the failing rate (a fraction, 0.05 for 5%) and the second instance of the
 * old version.
 */
public record CompareOptions(boolean enabled, Optional<Path> reportDir, List<IgnoreRule> ignore,
                             OptionalDouble failAbove, Optional<URI> secondary) {
    public CompareOptions {
        ignore = List.copyOf(ignore);
    }

    /** No comparison. */
    public static final CompareOptions OFF =
            new CompareOptions(false, Optional.empty(), List.of(), OptionalDouble.empty(), Optional.empty());
}
