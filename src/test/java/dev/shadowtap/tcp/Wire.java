package dev.shadowtap.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Feeds hand-written segments of one connection to a reassembler the way a capture does: one
 * reused {@link Segment}, and a payload buffer scribbled over after every call (so anything the
 * reassembler kept without copying shows up as garbage). Sequence numbers are given relative to the
 * side's initial sequence number.
 */
final class Wire {
    static final int CLIENT_IP = 0x0a000001;
    static final int SERVER_IP = 0x0a000002;

    private final TcpReassembler reassembler;
    private final Segment segment = new Segment();
    private final byte[] scratch = new byte[70_000];
    private final int clientIp;
    private final int clientPort;
    private final int serverIp;
    private final int serverPort;
    private final int clientIsn;
    private final int serverIsn;
    private long nowNs;

    Wire(TcpReassembler reassembler, int clientIsn, int serverIsn) {
        this(reassembler, CLIENT_IP, 40000, SERVER_IP, 80, clientIsn, serverIsn);
    }

    Wire(TcpReassembler reassembler, int clientIp, int clientPort, int serverIp, int serverPort, int clientIsn, int serverIsn) {
        this.reassembler = reassembler;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.clientIsn = clientIsn;
        this.serverIsn = serverIsn;
    }

    Wire at(long timestampNs) {
        nowNs = timestampNs;
        return this;
    }

    Wire later(long ms) {
        nowNs += ms * 1_000_000L;
        return this;
    }

    /** Client SYN; the data of the client then starts at relative sequence 1. */
    Wire syn() {
        return client(0, "", Segment.SYN);
    }

    Wire synAck() {
        return send(false, 0, clientIsn + 1, "", Segment.SYN | Segment.ACK);
    }

    Wire handshake() {
        return syn().synAck().client(1, "", Segment.ACK);
    }

    Wire client(int relSeq, String data) {
        return client(relSeq, data, Segment.ACK);
    }

    Wire server(int relSeq, String data) {
        return server(relSeq, data, Segment.ACK);
    }

    Wire client(int relSeq, String data, int flags) {
        return send(true, relSeq, serverIsn + 1, data, flags);
    }

    Wire server(int relSeq, String data, int flags) {
        return send(false, relSeq, clientIsn + 1, data, flags);
    }

    Wire send(boolean fromClient, int relSeq, int ack, String data, int flags) {
        return send(fromClient, relSeq, ack, data.getBytes(StandardCharsets.ISO_8859_1), flags);
    }

    Wire send(boolean fromClient, int relSeq, int ack, byte[] data, int flags) {
        int off = 17;
        System.arraycopy(data, 0, scratch, off, data.length);
        if (fromClient) {
            segment.ipv4(clientIp, serverIp).ports(clientPort, serverPort).tcp(clientIsn + relSeq, ack, flags);
        } else {
            segment.ipv4(serverIp, clientIp).ports(serverPort, clientPort).tcp(serverIsn + relSeq, ack, flags);
        }
        segment.payload(scratch, off, data.length).timestampNs(nowNs);
        reassembler.accept(segment);
        Arrays.fill(scratch, off, off + data.length, (byte) '#');
        return this;
    }

    Wire tick(long ms) {
        later(ms);
        reassembler.tick(nowNs);
        return this;
    }
}
