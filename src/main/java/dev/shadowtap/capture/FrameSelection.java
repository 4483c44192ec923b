package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.packet.DecodedPacket;

import java.util.Set;

/**
 * Which decoded frames a capture keeps, beyond ports ({@link FrameRules}): VLAN tags ({@code --input-raw-vlan},
 * {@code --input-raw-vlan-vid}) and, for frames that name their interface (Linux cooked v2, as
 * libpcap's "any" gives), {@code --input-raw-ignore-interface}. A frame it refuses is counted by the
 * reason {@link #rejection} returns, never lost silently.
 */
public final class FrameSelection {
    private final boolean vlan;
    private final boolean[] vlanIds;
    private final Set<Integer> ignoredInterfaces;

    /**
     * @param vlan              keep tagged frames (otherwise they are refused as {@link Reason#VLAN_TAGGED})
     * @param vlanIds           when not empty, keep only frames whose outer tag has one of these ids
     * @param ignoredInterfaces interface indexes whose frames are refused
     */
    FrameSelection(boolean vlan, Set<Integer> vlanIds, Set<Integer> ignoredInterfaces) {
        this.vlan = vlan;
        if (vlanIds.isEmpty()) {
            this.vlanIds = null;
        } else {
            this.vlanIds = new boolean[4096];
            vlanIds.forEach(id -> this.vlanIds[id] = true);
        }
        this.ignoredInterfaces = Set.copyOf(ignoredInterfaces);
    }

    /** The reason to refuse {@code packet} (decoded at least through its link layer), or null to keep it. */
    Reason rejection(DecodedPacket packet) {
        if (!ignoredInterfaces.isEmpty() && packet.interfaceIndex() >= 0
                && ignoredInterfaces.contains(packet.interfaceIndex())) {
            return Reason.IGNORED_INTERFACE;
        }
        if (packet.vlanCount() > 0 && !vlan) {
            return Reason.VLAN_TAGGED;
        }
        if (vlanIds != null && (packet.vlanCount() == 0 || !vlanIds[packet.vlanId(0)])) {
            return Reason.VLAN_NOT_SELECTED;
        }
        return null;
    }
}
