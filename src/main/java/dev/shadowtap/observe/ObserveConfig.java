package dev.shadowtap.observe;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the dashboard listens ({@code --dashboard}), whether it shows payloads, and where GoReplay's
 * {@code --http-pprof} listens; empty addresses open no port.
 */
public record ObserveConfig(Optional<InetSocketAddress> dashboard, boolean showPayloads,
                            Optional<InetSocketAddress> pprof) {
    public boolean any() {
        return dashboard.isPresent() || pprof.isPresent();
    }
}
