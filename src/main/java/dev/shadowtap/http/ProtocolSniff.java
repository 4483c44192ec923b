package dev.shadowtap.http;

import dev.shadowtap.http2.FrameChain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which protocol a captured connection speaks, decided on its first bytes: HTTP/2 when the client
 * begins with the connection preface (prior knowledge) or, on a connection joined mid-stream, when
 * either direction's bytes hold a chain of HTTP/2 frame headers ({@link FrameChain}); HTTP/1 as soon
 * as that cannot be. Bytes that cannot decide yet (a partial preface, the server's SETTINGS sent
 * before the client's preface arrived, a mid-stream frame cut short) are held, with their capture
 * times, and handed to the chosen side in their order; at most {@link #MAX_HELD} bytes, then HTTP/1.
 * A connection whose first client byte is not 'P' decides at once and costs nothing.
 */
final class ProtocolSniff {
    enum Verdict { HOLD, HTTP1, HTTP2 }

    /** Receives held bytes back, in arrival order. */
    interface Replay {
        void data(boolean client, byte[] b, int off, int len, long timestampNs);
    }

    static final int MAX_HELD = 64 << 10;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HTTP1 = "HTTP/1.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private record Held(boolean client, int from, int length, long timestampNs) {
    }

    private static final byte[] NONE = new byte[0];

    private final boolean midstream;
    private byte[] client = NONE;
    private int clientFill;
    private byte[] server = NONE;
    private int serverFill;
    /** Made on the first chunk held: a connection that decides at once (most) allocates nothing more. */
    private List<Held> held;

    ProtocolSniff(boolean midstream) {
        this.midstream = midstream;
    }

    /** Whether the connection was joined mid-stream (an HTTP/2 one is then read without its start). */
    boolean midstream() {
        return midstream;
    }

    /**
     * Looks at one more chunk: {@link Verdict#HOLD} keeps it (and the caller does nothing more with it);
     * otherwise it is not kept, and the caller replays what was held, then handles the chunk.
     */
    Verdict offer(boolean fromClient, byte[] b, int off, int len, long timestampNs) {
        Verdict v = verdict(fromClient, b, off, len);
        if (v == Verdict.HOLD) {
            if (clientFill + serverFill + len > MAX_HELD) {
                return Verdict.HTTP1;
            }
            hold(fromClient, b, off, len, timestampNs);
        }
        return v;
    }

    /** Hands every held chunk to {@code to}, in order; the sniff holds nothing after. */
    void replay(Replay to) {
        if (held != null) {
            for (Held h : held) {
                to.data(h.client(), h.client() ? client : server, h.from(), h.length(), h.timestampNs());
            }
        }
        held = null;
        client = server = NONE;
        clientFill = serverFill = 0;
    }

    private Verdict verdict(boolean fromClient, byte[] b, int off, int len) {
        if (fromClient && clientFill < PREFACE.length) {
            int n = Math.min(len, PREFACE.length - clientFill);
            boolean preface = Arrays.equals(b, off, off + n, PREFACE, clientFill, clientFill + n);
            if (preface) {
                return clientFill + n == PREFACE.length ? Verdict.HTTP2 : Verdict.HOLD;
            }
            if (!midstream || (clientFill == 0 && contains(b, off, off + len, HTTP1))) {
                return Verdict.HTTP1;
            }
        }
        if (!midstream) {
            return fromClient ? Verdict.HTTP1 : Verdict.HOLD; // the server spoke first: wait for the client
        }
        byte[] mine = fromClient ? client : server;
        int fill = fromClient ? clientFill : serverFill;
        byte[] joined = Arrays.copyOf(mine, fill + len);
        System.arraycopy(b, off, joined, fill, len);
        if (FrameChain.find(joined, 0, joined.length) >= 0) {
            return Verdict.HTTP2;
        }
        return contains(joined, 0, joined.length, HTTP1) ? Verdict.HTTP1 : Verdict.HOLD;
    }

    private void hold(boolean fromClient, byte[] b, int off, int len, long timestampNs) {
        if (held == null) {
            held = new ArrayList<>(2);
        }
        if (fromClient) {
            client = grow(client, clientFill + len);
            System.arraycopy(b, off, client, clientFill, len);
            held.add(new Held(true, clientFill, len, timestampNs));
            clientFill += len;
        } else {
            server = grow(server, serverFill + len);
            System.arraycopy(b, off, server, serverFill, len);
            held.add(new Held(false, serverFill, len, timestampNs));
            serverFill += len;
        }
    }

    private static byte[] grow(byte[] b, int need) {
        return need <= b.length ? b : Arrays.copyOf(b, Math.max(need, b.length * 2));
    }

    private static boolean contains(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
