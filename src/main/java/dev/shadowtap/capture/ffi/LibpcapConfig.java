package dev.shadowtap.capture.ffi;

import java.util.Objects;
import java.util.Optional;

/**
 * How to open a live libpcap capture.
 *
 * @param device        interface name, or "any"
 * @param snaplen       bytes kept of each packet
 * @param promiscuous   {@code --input-raw-promisc}
 * @param immediate     deliver each packet at once (pcap_set_immediate_mode); otherwise batch for {@code timeoutMillis}
 * @param timeoutMillis {@code --input-raw-buffer-timeout}: packet buffer timeout when not immediate
 * @param bufferBytes   {@code --input-raw-buffer-size}; 0 keeps libpcap's default
 * @param timestampType {@code --input-raw-timestamp-type} name ("host", "adapter", ...), if any
 * @param filter        a tcpdump expression ({@code --input-raw-bpf-filter}), if any
 * @param pollMillis    longest wait for packets, which bounds how long close() takes to be noticed
 * @param monitor       {@code --input-raw-monitor}: monitor mode (pcap_set_rfmon) for a wireless interface
 * @param cookedV2      on "any", ask for Linux cooked v2 frames, which carry the interface index of each frame
 */
public record LibpcapConfig(String device, int snaplen, boolean promiscuous, boolean immediate, int timeoutMillis,
                            long bufferBytes, Optional<String> timestampType, Optional<String> filter, int pollMillis,
                            boolean monitor, boolean cookedV2) {
    public static final int DEFAULT_SNAPLEN = 262_144;

    public LibpcapConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(timestampType, "timestampType");
        Objects.requireNonNull(filter, "filter");
        if (snaplen <= 0 || timeoutMillis < 0 || bufferBytes < 0 || pollMillis <= 0) {
            throw new IllegalArgumentException("snaplen and poll must be positive, timeout and buffer not negative");
        }
    }

    public static final int DEFAULT_TIMEOUT_MILLIS = 10;
    public static final long DEFAULT_BUFFER_BYTES = 32L << 20;

    /**
     * Full snap length, a 32 MiB buffer, 10 ms buffer timeout, no filter, on {@code device}. Not
     * immediate mode: libpcap then uses TPACKET_V3, whose blocks pack small packets densely, where
     * immediate mode falls back to TPACKET_V2 frames of snap-length size (a 2 MiB buffer of 256 KiB
     * frames holds 8 packets and drops under the lightest burst).
     */
    public static LibpcapConfig of(String device) {
        return new LibpcapConfig(device.isEmpty() ? "any" : device, DEFAULT_SNAPLEN, false, false,
                DEFAULT_TIMEOUT_MILLIS, DEFAULT_BUFFER_BYTES, Optional.empty(), Optional.empty(), 100, false, false);
    }

    public LibpcapConfig withFilter(String expression) {
        return new LibpcapConfig(device, snaplen, promiscuous, immediate, timeoutMillis, bufferBytes, timestampType,
                Optional.of(expression), pollMillis, monitor, cookedV2);
    }

    public LibpcapConfig withBuffering(boolean immediate, int timeoutMillis, long bufferBytes) {
        return new LibpcapConfig(device, snaplen, promiscuous, immediate, timeoutMillis, bufferBytes, timestampType,
                filter, pollMillis, monitor, cookedV2);
    }

    public LibpcapConfig withTimestampType(String name) {
        return new LibpcapConfig(device, snaplen, promiscuous, immediate, timeoutMillis, bufferBytes,
                Optional.of(name), filter, pollMillis, monitor, cookedV2);
    }

    public LibpcapConfig withMonitor(boolean on) {
        return new LibpcapConfig(device, snaplen, promiscuous, immediate, timeoutMillis, bufferBytes, timestampType,
                filter, pollMillis, on, cookedV2);
    }

    public LibpcapConfig withCookedV2(boolean on) {
        return new LibpcapConfig(device, snaplen, promiscuous, immediate, timeoutMillis, bufferBytes, timestampType,
                filter, pollMillis, monitor, on);
    }
}
