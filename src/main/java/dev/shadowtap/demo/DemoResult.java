package dev.shadowtap.demo;

import java.nio.file.Path;

/**
 * What one demo run did, for its exit status and for tests.
 *
 * @param status      0 when every request was recorded with its response and v2 answered every one
 * @param dir         where the files are
 * @param liveCapture whether the traffic was captured live (false: recorded from the client side)
 * @param sent        what the traffic mix sent to v1
 * @param recorded    what demo.gor holds
 * @param replayed    what replayed.gor holds
 * @param v2Requests  requests v2 counted on its side
 */
public record DemoResult(int status, Path dir, boolean liveCapture, TrafficMix.Result sent, GorSummary recorded,
                         GorSummary replayed, long v2Requests) {
}
