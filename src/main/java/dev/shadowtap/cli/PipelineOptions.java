package dev.shadowtap.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * How inputs reach outputs: the middleware command, round robin over outputs, session stickiness,
 * run time limit (ZERO: none), {@code --stats}, verbosity level (0 quiet), and the largest message kept
 * whole in bytes.
 */
public record PipelineOptions(Optional<String> middleware, boolean splitOutput, boolean recognizeTcpSessions,
                              Duration exitAfter, boolean stats, int verbose, long copyBufferSize) {
}
