package dev.shadowtap.capture;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a live engine opens its interface ({@code --input-raw-*}); a capture file ignores them.
 *
 * @param bpfFilter       a tcpdump expression replacing the default port filter
 * @param bufferBytes     kernel ring / libpcap buffer / vxlan socket buffer size; 0 for the engine's default
 * @param bufferTimeout   ring block timeout / libpcap buffer timeout; zero for the engine's default
 * @param overrideSnaplen libpcap keeps 64 KiB of each packet instead of 256 KiB
 * @param promiscuous     put the interface in promiscuous mode
 * @param monitor         {@code --input-raw-monitor}: libpcap puts a wireless interface in monitor mode
 * @param timestampType   {@code --input-raw-timestamp-type} (libpcap's name, "host" ...), if given
 */
public record DeviceOptions(Optional<String> bpfFilter, long bufferBytes, Duration bufferTimeout,
                            boolean overrideSnaplen, boolean promiscuous, boolean monitor,
                            Optional<String> timestampType) {
    public static final DeviceOptions DEFAULT = new DeviceOptions(Optional.empty(), 0, Duration.ZERO, false, false,
            false, Optional.empty());

    public DeviceOptions {
        Objects.requireNonNull(bpfFilter, "bpfFilter");
        Objects.requireNonNull(bufferTimeout, "bufferTimeout");
        Objects.requireNonNull(timestampType, "timestampType");
        if (bufferBytes < 0) {
            throw new IllegalArgumentException("bufferBytes must not be negative");
        }
    }

    public DeviceOptions withBpfFilter(String expression) {
        return new DeviceOptions(Optional.of(expression), bufferBytes, bufferTimeout, overrideSnaplen, promiscuous,
                monitor, timestampType);
    }
}
