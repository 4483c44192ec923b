package dev.shadowtap.capture;

import java.util.Set;

/**
 * How to open a {@link VxlanEngine}.
 *
 * @param port               UDP port to listen on ({@code --input-raw-vxlan-port}, 4789 by default; 0 for any free one)
 * @param vnis               network ids to keep ({@code --input-raw-vxlan-vni}); empty keeps every one
 * @param receiveBufferBytes SO_RCVBUF ({@code --input-raw-buffer-size}); 0 keeps the system's default
 * @param pollMillis         longest wait for a datagram, which bounds how long close() takes to be noticed
 */
public record VxlanConfig(int port, Set<Integer> vnis, long receiveBufferBytes, int pollMillis) {
    public static final int DEFAULT_PORT = 4789;
    public static final int DEFAULT_POLL_MILLIS = 100;

    public VxlanConfig {
        vnis = Set.copyOf(vnis);
        if (port < 0 || port > 65_535 || receiveBufferBytes < 0 || pollMillis <= 0) {
            throw new IllegalArgumentException("port 0-65535, buffer not negative, poll positive");
        }
        for (int vni : vnis) {
            if (vni < 0 || vni >= 1 << 24) {
                throw new IllegalArgumentException("a VXLAN network id is 24 bits: " + vni);
            }
        }
    }
}
