package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code --input-raw-*} settings shared by every {@code --input-raw}. */
public record CaptureOptions(CaptureEngine engine, boolean trackResponse, Optional<String> realIpHeader,
                             Duration expire, boolean allowIncomplete, Optional<String> bpfFilter,
                             long bufferSize, Duration bufferTimeout, boolean overrideSnaplen, boolean promiscuous,
                             boolean monitor, Optional<String> timestampType, List<String> ignoreInterfaces,
                             CaptureProtocol protocol, boolean stats, boolean vlan, List<Integer> vlanIds,
                             int vxlanPort, List<Integer> vxlanVnis) {
    public CaptureOptions {
        ignoreInterfaces = List.copyOf(ignoreInterfaces);
        vlanIds = List.copyOf(vlanIds);
        vxlanVnis = List.copyOf(vxlanVnis);
    }
}
