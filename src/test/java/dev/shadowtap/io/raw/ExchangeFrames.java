package dev.shadowtap.io.raw;

import dev.shadowtap.packet.Frames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Ethernet/IPv4/TCP frames of one connection, in order, built by the test: handshake, data each
 * way, close; optionally 802.1Q-tagged. The same frames go into a pcap file or into VXLAN datagrams.
 */
final class ExchangeFrames {
    static final int SERVER_PORT = 8080;

    final List<byte[]> frames = new ArrayList<>();
    private final int clientPort;
    private final int[] tags;
    private long clientSeq = 1001;
    private long serverSeq = 5001;

    /** @param tags VLAN tags as (tpid, vid) pairs, outermost first; none for an untagged connection */
    ExchangeFrames(int clientPort, int... tags) {
        this.clientPort = clientPort;
        this.tags = tags;
        frame(true, 1000, 0, 0x02, new byte[0]);
        frame(false, 5000, 1001, 0x12, new byte[0]);
        frame(true, 1001, 5001, 0x10, new byte[0]);
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: crafted\r\n\r\n";
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    ExchangeFrames client(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        frame(true, clientSeq, serverSeq, 0x18, b);
        clientSeq += b.length;
        return this;
    }

    ExchangeFrames server(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        frame(false, serverSeq, clientSeq, 0x18, b);
        serverSeq += b.length;
        return this;
    }

    ExchangeFrames close() {
        frame(true, clientSeq, serverSeq, 0x11, new byte[0]);
        clientSeq++;
        frame(false, serverSeq, clientSeq, 0x11, new byte[0]);
        serverSeq++;
        frame(true, clientSeq, serverSeq, 0x10, new byte[0]);
        return this;
    }

    private void frame(boolean fromClient, long seq, long ack, int flags, byte[] payload) {
        byte[] tcp = fromClient ? Frames.tcp(clientPort, SERVER_PORT, seq, ack, flags, payload)
                : Frames.tcp(SERVER_PORT, clientPort, seq, ack, flags, payload);
        byte[] ip = fromClient ? Frames.ipv4(Frames.CLIENT4, Frames.SERVER4, 6, tcp)
                : Frames.ipv4(Frames.SERVER4, Frames.CLIENT4, 6, tcp);
        frames.add(Frames.ethernet(0x0800, ip, tags));
    }
}
