package dev.shadowtap.capture;

import java.util.Set;

/**
 * What the vxlan engine listens to.
 *
 * @param port UDP port ({@code --input-raw-vxlan-port})
 * @param vnis VXLAN network ids kept ({@code --input-raw-vxlan-vni}); empty keeps all
 */
public record VxlanOptions(int port, Set<Integer> vnis) {
    public static final VxlanOptions DEFAULT = new VxlanOptions(VxlanConfig.DEFAULT_PORT, Set.of());

    public VxlanOptions {
        vnis = Set.copyOf(vnis);
    }
}
