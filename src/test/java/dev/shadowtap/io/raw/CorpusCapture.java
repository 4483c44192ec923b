package dev.shadowtap.io.raw;

import dev.shadowtap.capture.PcapWriter;
import dev.shadowtap.packet.Frames;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The corpus as one capture file: case {@code i} is its own TCP connection from client port
 * {@link #clientPort}(i), and every packet of it is stamped within second {@code i} after {@link #T0},
 * so a recorded message's timestamp says which case it came from. Every payload goes out in
 * segments of at most {@code segment} bytes.
 *
 * <p>What each side sends: a request case's bytes come from the client and the server answers
 * nothing, except where the reference says the connection becomes a tunnel: then the client's bytes
 * up to that point go first, the server answers each request (the upgrading one with 101, or 200 to
 * a CONNECT), and the tunnel's bytes follow. A response case's client first sends one request per
 * final response the reference sees ({@link CorpusCase#methods}, the last one asking for the upgrade
 * when the case has one); then the server's bytes, then the server closes first.
 */
final class CorpusCapture {
    static final long T0 = 1_800_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final int SERVER_PORT = 8080;
    private static final int FIRST_CLIENT_PORT = 20000;

    private final PcapWriter pcap = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 262144, 1);
    private final int segment;

    CorpusCapture(int segment) {
        this.segment = segment;
    }

    static int clientPort(int index) {
        return FIRST_CLIENT_PORT + index;
    }

    static byte[] request(String method, int caseIndex, int k, boolean upgrade) {
        return (method + " /corpus/" + caseIndex + "/" + k + " HTTP/1.1\r\nHost: corpus\r\n"
                + (upgrade ? "Connection: Upgrade\r\nUpgrade: corpus\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] write(List<CorpusCase> cases) {
        for (int i = 0; i < cases.size(); i++) {
            add(i, cases.get(i));
        }
        return pcap.bytes();
    }

    private void add(int index, CorpusCase c) {
        Connection conn = new Connection(clientPort(index), T0 + index * SECOND);
        byte[] raw = c.raw();
        if (c.request()) {
            int cut = c.upgradeAt() >= 0 ? c.upgradeAt() : raw.length;
            conn.client(Arrays.copyOfRange(raw, 0, cut));
            if (c.upgradeAt() >= 0) {
                conn.server(answers(c));
                conn.client(Arrays.copyOfRange(raw, cut, raw.length));
            }
            conn.closeFrom(true);
        } else {
            List<String> methods = c.methods();
            for (int k = 0; k < methods.size(); k++) {
                conn.client(request(methods.get(k), index, k, c.upgradeAt() >= 0 && k == methods.size() - 1));
            }
            conn.server(raw);
            conn.closeFrom(false);
        }
    }

    /** The server's minimal answers to the requests before a tunnel, and the one that opens it. */
    private static byte[] answers(CorpusCase c) {
        StringBuilder s = new StringBuilder();
        if (c.upgradeKind().equals("h2")) {
            return new byte[0];
        }
        for (int k = 0; k < c.messages().size() - 1; k++) {
            s.append("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
        s.append(c.upgradeKind().equals("connect") ? "HTTP/1.1 200 Connection Established\r\n\r\n"
                : "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: corpus\r\n\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One connection: handshake at once, then data in segments, each packet one microsecond after the last. */
    private final class Connection {
        private final int port;
        private long time;
        private long clientSeq = 1001;
        private long serverSeq = 5001;

        Connection(int port, long start) {
            this.port = port;
            this.time = start;
            frame(true, 1000, 0, 0x02, new byte[0]);
            frame(false, 5000, 1001, 0x12, new byte[0]);
            frame(true, 1001, 5001, 0x10, new byte[0]);
        }

        void client(byte[] bytes) {
            for (int at = 0; at < bytes.length; at += segment) {
                byte[] part = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + segment));
                frame(true, clientSeq, serverSeq, 0x18, part);
                clientSeq += part.length;
            }
        }

        void server(byte[] bytes) {
            for (int at = 0; at < bytes.length; at += segment) {
                byte[] part = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + segment));
                frame(false, serverSeq, clientSeq, 0x18, part);
                serverSeq += part.length;
            }
        }

        void closeFrom(boolean clientFirst) {
            frame(clientFirst, clientFirst ? clientSeq : serverSeq, clientFirst ? serverSeq : clientSeq, 0x11, new byte[0]);
            if (clientFirst) {
                clientSeq++;
            } else {
                serverSeq++;
            }
            frame(!clientFirst, clientFirst ? serverSeq : clientSeq, clientFirst ? clientSeq : serverSeq, 0x11, new byte[0]);
            if (clientFirst) {
                serverSeq++;
            } else {
                clientSeq++;
            }
            frame(clientFirst, clientFirst ? clientSeq : serverSeq, clientFirst ? serverSeq : clientSeq, 0x10, new byte[0]);
        }

        private void frame(boolean fromClient, long seq, long ack, int flags, byte[] payload) {
            time += 1_000;
            byte[] tcp = fromClient ? Frames.tcp(port, SERVER_PORT, seq, ack, flags, payload)
                    : Frames.tcp(SERVER_PORT, port, seq, ack, flags, payload);
            byte[] ip = fromClient ? Frames.ipv4(Frames.CLIENT4, Frames.SERVER4, 6, tcp)
                    : Frames.ipv4(Frames.SERVER4, Frames.CLIENT4, 6, tcp);
            pcap.record(time, Frames.ethernet(0x0800, ip));
        }
    }
}
