package dev.shadowtap.cli;

import java.time.Duration;

/**
 * {@code --output-binary-*}, shared by every {@code --output-binary} (the address is each one's own).
 *
 * @param workers       {@code --output-binary-workers}: most connections open at once (0: no bound)
 * @param timeout       {@code --output-binary-timeout} (0 means GoReplay's 5 s)
 * @param trackResponse {@code --output-binary-track-response}
 * @param debug         {@code --output-binary-debug}
 * @param responseBuffer {@code --output-tcp-response-buffer}, GoReplay's name for this output's reply limit (0: the default)
 */
public record BinaryOutOptions(int workers, Duration timeout, boolean trackResponse, boolean debug, long responseBuffer) {
}
