package dev.shadowtap.capture.ffi;

import java.util.Objects;
import java.util.Optional;

/**
 * How to open an AF_PACKET capture.
 *
 * @param interfaceName      a device name ("eth0", "lo"), or "" / "any" for every interface
 * @param ringBytes          total size of the TPACKET_V3 ring ({@code --input-raw-buffer-size})
 * @param blockBytes         size of one ring block (rounded to a power of two of pages, and down to the ring size)
 * @param blockTimeoutMillis the kernel hands over a partly filled block after this long (tp_retire_blk_tov)
 * @param promiscuous        put the interface in promiscuous mode (ignored for "any")
 * @param filter             a compiled BPF program to attach with SO_ATTACH_FILTER before any packet is queued
 * @param pollMillis         longest wait in poll(), which bounds how long close() takes to be noticed
 */
public record AfPacketConfig(String interfaceName, long ringBytes, int blockBytes, int blockTimeoutMillis,
                             boolean promiscuous, Optional<BpfProgram> filter, int pollMillis) {
    public static final long DEFAULT_RING_BYTES = 32L << 20;
    public static final int DEFAULT_BLOCK_BYTES = 256 << 10;
    public static final int DEFAULT_BLOCK_TIMEOUT_MILLIS = 10;
    public static final int DEFAULT_POLL_MILLIS = 100;

    public AfPacketConfig {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        if (ringBytes <= 0 || blockBytes <= 0 || blockTimeoutMillis <= 0 || pollMillis <= 0) {
            throw new IllegalArgumentException("ring, block, block timeout and poll must be positive");
        }
    }

    /** Defaults for one interface: 32 MiB ring of 1 MiB blocks, 10 ms block timeout, no filter. */
    public static AfPacketConfig of(String interfaceName) {
        return new AfPacketConfig(interfaceName, DEFAULT_RING_BYTES, DEFAULT_BLOCK_BYTES,
                DEFAULT_BLOCK_TIMEOUT_MILLIS, false, Optional.empty(), DEFAULT_POLL_MILLIS);
    }

    public AfPacketConfig withRing(long ringBytes, int blockBytes) {
        return new AfPacketConfig(interfaceName, ringBytes, blockBytes, blockTimeoutMillis, promiscuous, filter, pollMillis);
    }

    public AfPacketConfig withFilter(BpfProgram program) {
        return new AfPacketConfig(interfaceName, ringBytes, blockBytes, blockTimeoutMillis, promiscuous,
                Optional.of(program), pollMillis);
    }

    public AfPacketConfig withPromiscuous(boolean on) {
        return new AfPacketConfig(interfaceName, ringBytes, blockBytes, blockTimeoutMillis, on, filter, pollMillis);
    }

    /** True when capturing on every interface. */
    public boolean anyInterface() {
        return interfaceName.isEmpty() || interfaceName.equals("any");
    }
}
