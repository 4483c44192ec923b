package dev.shadowtap.io.raw;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Sends Ethernet frames as real VXLAN datagrams (RFC 7348 header, then the frame) to a port on the loopback. */
final class VxlanSender implements AutoCloseable {
    private final DatagramSocket socket = new DatagramSocket();
    private final InetSocketAddress target;

    VxlanSender(int port) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** A UDP port nobody listens on right now. */
    static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Waits until something has bound {@code port} (at most 10 s), as the kernel lists UDP sockets (no probe binding). */
    static void awaitBound(int port) throws InterruptedException, IOException {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                Path path = Path.of(table);
                if (Files.exists(path) && Files.readAllLines(path).stream().anyMatch(l -> l.contains(local))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing bound UDP port " + port);
    }

    /** The 8-byte VXLAN header with the I flag and {@code vni}. */
    static byte[] header(int vni) {
        return new byte[]{0x08, 0, 0, 0, (byte) (vni >>> 16), (byte) (vni >>> 8), (byte) vni, 0};
    }

    void send(int vni, List<byte[]> frames) throws IOException {
        for (byte[] frame : frames) {
            byte[] header = header(vni);
            byte[] datagram = new byte[header.length + frame.length];
            System.arraycopy(header, 0, datagram, 0, header.length);
            System.arraycopy(frame, 0, datagram, header.length, frame.length);
            raw(datagram);
        }
    }

    void raw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, target));
    }

    @Override
    public void close() {
        socket.close();
    }
}
