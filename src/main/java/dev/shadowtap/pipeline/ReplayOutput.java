package dev.shadowtap.pipeline;

/**
 * An output that sends requests to a target ({@code --output-http}, {@code --output-binary}): at a
 * stop it can give up what it has not sent yet, so that a slow target does not hold the run's end.
 */
public interface ReplayOutput extends Output {
    /**
     * A stop was asked for (SIGINT/SIGTERM, {@code --exit-after}): requests not yet sent are dropped
     * and counted as {@code unsent-at-close}; requests in flight still get their reply.
     */
    void abandon();

    /**
     * Whether the run gave this output requests and the target answered none of them (every one failed:
     * a target that was down, a wrong address), which makes the run's exit status 1.
     */
    boolean answeredNone();
}
