package dev.shadowtap.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code --output-http-*} and {@code --http-original-host}. {@code workers} 0 means as many as needed;
 * {@code responseBuffer} 0 means keep whole responses.
 */
public record HttpOutOptions(int workers, int workersMin, int queueLen, Duration timeout, Duration workerTimeout,
                             int redirects, long responseBuffer, boolean skipVerify, boolean trackResponse,
                             boolean stats, Duration statsInterval, Optional<String> elasticsearch,
                             boolean originalHost) {
}
