package dev.shadowtap.cli;

import dev.shadowtap.io.tcp.TcpAddress;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * {@code --dashboard ADDR} (the live page, {@code /metrics}, {@code /api/stats}), whether it may show
 * payloads ({@code --dashboard-show-payloads}), and GoReplay's {@code --http-pprof ADDR}. An address is
 * Go's: {@code host:port}, {@code [v6]:port}, or {@code :port} for every interface. A port is opened
 * only when its flag is given.
 */
public record ObserveOptions(Optional<InetSocketAddress> dashboard, boolean showPayloads,
                             Optional<InetSocketAddress> pprof) {
    public static final ObserveOptions NONE = new ObserveOptions(Optional.empty(), false, Optional.empty());

    static InetSocketAddress address(String text) throws BadValueException {
        TcpAddress address;
        try {
            address = TcpAddress.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new BadValueException("host:port or :port; " + e.getMessage());
        }
        return address.host().isEmpty() ? new InetSocketAddress(address.port())
                : new InetSocketAddress(address.host(), address.port());
    }
}
