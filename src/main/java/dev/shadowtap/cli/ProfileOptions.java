package dev.shadowtap.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --cpuprofile} and {@code --memprofile}, GoReplay's names: where a JFR recording of the whole run
 * is written at exit (CPU samples, and allocations with the heap), instead of Go's pprof files.
 */
public record ProfileOptions(Optional<Path> cpu, Optional<Path> memory) {
    public static final ProfileOptions NONE = new ProfileOptions(Optional.empty(), Optional.empty());
}
