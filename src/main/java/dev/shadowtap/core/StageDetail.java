package dev.shadowtap.core;

import java.util.List;

/**
 * Counters one kind of stage keeps beyond its {@link StageStats} (an HTTP replay's responses by
 * status class, redirects, latency), registered with the run's {@link Stats} so that the exit summary
 * (and any later reader) finds every counter of a run in that one place, not in the stage objects.
 */
public interface StageDetail {
    /** The stage whose messages, bytes and reasons go with these counters. */
    StageStats stage();

    /** The exit summary's lines for these counters. */
    List<String> summaryLines();
}
