package dev.shadowtap.io.raw;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code --input-raw} and the {@code --input-raw-*} settings it runs with.
 *
 * @param address         as on the command line: {@code :80}, {@code ip:port}, {@code iface:port},
 *                        {@code :80,8080}, {@code [::1]:80}; with {@link RawEngine#PCAP_FILE} a file path,
 *                        optionally followed by {@code :port[,port]}
 * @param engine          where frames come from
 * @param trackResponse   emit responses (type 2) too; they are framed either way to keep the pairing
 * @param realIpHeader    a header name to add to each request with the client's address
 * @param allowIncomplete emit messages a TCP gap cut short, as far as they arrived (head whole), marked with
 *                        an {@code X-Shadowtap-Incomplete} header; otherwise they are dropped and counted
 * @param expire          how long out-of-order data waits for a missing segment ({@code --input-raw-expire})
 * @param bpfFilter       a tcpdump expression replacing the default port filter
 * @param bufferBytes     kernel ring / libpcap buffer size; 0 for the engine's default
 * @param bufferTimeout   ring block timeout / libpcap buffer timeout; zero for the engine's default
 * @param overrideSnaplen libpcap keeps 64 KiB of each packet instead of 256 KiB
 * @param promiscuous     put the interface in promiscuous mode
 * @param stats           log capture statistics every {@link #STATS_INTERVAL} and at the end
 * @param maxBodyBytes    body bytes kept per message ({@code --copy-buffer-size}); longer ones are truncated
 * @param queueCapacity   messages waiting for the pipeline before a live capture drops (counted {@code queue-full})
 * @param vlan            {@code --input-raw-vlan}: capture 802.1Q-tagged frames too; without it they are skipped
 *                        and counted {@code vlan-tagged}
 * @param vlanIds         {@code --input-raw-vlan-vid}: when not empty, only frames whose outer tag has one of
 *                        these ids (others, untagged ones included, are counted {@code vlan-not-selected})
 * @param ignoreInterfaces {@code --input-raw-ignore-interface}: devices whose frames a capture on every interface skips
 * @param timestampType   {@code --input-raw-timestamp-type} (libpcap's name, "host" ...), if given
 * @param monitor         {@code --input-raw-monitor}: libpcap puts a wireless interface in monitor mode
 * @param vxlanPort       UDP port of the vxlan engine
 * @param vxlanVnis       VXLAN network ids the vxlan engine keeps; empty keeps all
 * @param binary          {@code --input-raw-protocol binary}: no HTTP framing, each run of bytes one way is a message
 */
public record RawInputConfig(String address, RawEngine engine, boolean trackResponse, Optional<String> realIpHeader,
                             boolean allowIncomplete, Duration expire, Optional<String> bpfFilter, long bufferBytes, Duration bufferTimeout,
                             boolean overrideSnaplen, boolean promiscuous, boolean stats, int maxBodyBytes,
                             int queueCapacity, boolean vlan, Set<Integer> vlanIds, List<String> ignoreInterfaces,
                             Optional<String> timestampType, boolean monitor, int vxlanPort, Set<Integer> vxlanVnis,
                             boolean binary) {
    public static final Duration STATS_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_QUEUE_CAPACITY = 16384;
    public static final int DEFAULT_VXLAN_PORT = dev.shadowtap.capture.VxlanConfig.DEFAULT_PORT;

    public RawInputConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(realIpHeader, "realIpHeader");
        Objects.requireNonNull(expire, "expire");
        Objects.requireNonNull(bpfFilter, "bpfFilter");
        Objects.requireNonNull(bufferTimeout, "bufferTimeout");
        Objects.requireNonNull(timestampType, "timestampType");
        vlanIds = Set.copyOf(vlanIds);
        ignoreInterfaces = List.copyOf(ignoreInterfaces);
        vxlanVnis = Set.copyOf(vxlanVnis);
        if (maxBodyBytes < 0 || queueCapacity <= 0 || bufferBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes, bufferBytes must not be negative, queueCapacity positive");
        }
    }

    /** Defaults for tests and simple uses: AF_PACKET, 2 s expire, 5 MiB bodies. */
    public static RawInputConfig of(String address, RawEngine engine, boolean trackResponse) {
        return new RawInputConfig(address, engine, trackResponse, Optional.empty(), false, Duration.ofSeconds(2),
                Optional.empty(), 0, Duration.ZERO, false, false, false, 5 << 20, DEFAULT_QUEUE_CAPACITY,
                false, Set.of(), List.of(), Optional.empty(), false, DEFAULT_VXLAN_PORT, Set.of(), false);
    }

    public RawInputConfig withMaxBodyBytes(int value) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter, bufferBytes,
                bufferTimeout, overrideSnaplen, promiscuous, stats, value, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withRealIpHeader(String name) {
        return new RawInputConfig(address, engine, trackResponse, Optional.of(name), allowIncomplete, expire, bpfFilter, bufferBytes,
                bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withAllowIncomplete(boolean value) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, value, expire, bpfFilter, bufferBytes,
                bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withQueueCapacity(int value) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter, bufferBytes,
                bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, value,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withBpfFilter(String expression) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, Optional.of(expression),
                bufferBytes, bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    /** {@code --input-raw-vlan} and {@code --input-raw-vlan-vid}. */
    public RawInputConfig withVlan(boolean on, Set<Integer> ids) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter,
                bufferBytes, bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                on, ids, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withIgnoreInterfaces(List<String> names) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter,
                bufferBytes, bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, names, timestampType, monitor, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withTimestampType(Optional<String> name, boolean monitorMode) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter,
                bufferBytes, bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, name, monitorMode, vxlanPort, vxlanVnis, binary);
    }

    public RawInputConfig withVxlan(int port, Set<Integer> vnis) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter,
                bufferBytes, bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, port, vnis, binary);
    }

    public RawInputConfig withBinary(boolean on) {
        return new RawInputConfig(address, engine, trackResponse, realIpHeader, allowIncomplete, expire, bpfFilter,
                bufferBytes, bufferTimeout, overrideSnaplen, promiscuous, stats, maxBodyBytes, queueCapacity,
                vlan, vlanIds, ignoreInterfaces, timestampType, monitor, vxlanPort, vxlanVnis, on);
    }
}
