package dev.shadowtap.io.raw;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real veth pair for live capture tests ({@code ip link add A type veth peer name B}): frames
 * written raw onto {@link #sender} (python3's AF_PACKET socket) arrive on {@link #receiver} as
 * received traffic, where the kernel moves an 802.1Q tag out of the frame into its metadata, as a
 * NIC with VLAN offload does. Tests are skipped, with the reason, where {@code ip} or python3 is missing
 * or veth pairs cannot be made.
 */
final class VethPair implements AutoCloseable {
    private static final String INJECT = """
            import socket, sys
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((sys.argv[1], 0))
            for line in sys.stdin:
                if line.strip():
                    s.send(bytes.fromhex(line.strip()))
            """;

    final String receiver;
    final String sender;

    private VethPair(String suffix) {
        this.receiver = "stv" + suffix + "a";
        this.sender = "stv" + suffix + "b";
    }

    static VethPair create() throws IOException, InterruptedException {
        Assumptions.assumeTrue(works("ip", "-V"), "the ip command (iproute2) is not available");
        Assumptions.assumeTrue(works("python3", "-c", "pass"), "python3 is not available to write raw frames");
        VethPair v = new VethPair(String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000)));
        boolean ok = works("ip", "link", "add", v.receiver, "type", "veth", "peer", "name", v.sender)
                && works("ip", "link", "set", v.receiver, "up") && works("ip", "link", "set", v.sender, "up");
        if (!ok) {
            v.close();
        }
        Assumptions.assumeTrue(ok, "cannot make a veth pair here");
        return v;
    }

    /** Writes {@code frames}, in order, onto the sender end; they arrive on the receiver end. */
    void send(List<byte[]> frames) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", INJECT, sender).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            for (byte[] frame : frames) {
                in.write((HexFormat.of().formatHex(frame) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("writing frames onto " + sender + " failed: " + out);
        }
    }

    @Override
    public void close() {
        works("ip", "link", "del", receiver); // takes its peer with it
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(15, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
