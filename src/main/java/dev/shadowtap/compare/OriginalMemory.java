package dev.shadowtap.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last original response to each recent distinct request (same method, target and body), so two
 * originals to identical requests can be compared to learn noise. Bounded: the {@code capacity} most
 * recently used requests, each response body at most {@code maxBody} bytes (larger ones are not kept).
 * Not thread-safe: the engine calls it under its lock.
 */
final class OriginalMemory {
    private final int maxBody;
    private final Map<String, DecodedResponse> last;

    OriginalMemory(int capacity, int maxBody) {
        this.maxBody = maxBody;
        this.last = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DecodedResponse> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Keeps {@code response} as the last original for {@code requestKey}; returns the one it replaces. */
    Optional<DecodedResponse> remember(String requestKey, DecodedResponse response) {
        if (response.body().length > maxBody) {
            return Optional.ofNullable(last.get(requestKey));
        }
        return Optional.ofNullable(last.put(requestKey, response));
    }
}
