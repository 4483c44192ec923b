package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.pipeline.Message;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One sender's connection to a TCP input: the TLS handshake (a failure is one line naming the peer,
 * counted {@code tls-refused}), then its records through a {@link GorReader} of its own, which counts
 * and skips a damaged or oversized record and reads on, and counts the record a broken connection
 * cut off ({@code truncated}). Nothing a peer sends ends more than its own connection.
 */
final class PeerConnection implements Runnable {
    private final Socket socket;
    private final String listener;
    private final SSLContext tls;
    private final TcpInputConfig config;
    private final ReceivedQueue queue;
    private final StageStats stage;
    private final Log log;
    private final Runnable ended;
    private final RefusalLog refusals;
    private final String peer;
    private final String host;
    private volatile Socket current;

    PeerConnection(Socket socket, TcpInputConfig config, SSLContext tls, ReceivedQueue queue, StageStats stage,
                   Log log, RefusalLog refusals, Runnable ended) {
        this.refusals = refusals;
        this.socket = socket;
        this.current = socket;
        this.listener = "input-tcp " + config.address();
        this.tls = tls;
        this.config = config;
        this.queue = queue;
        this.stage = stage;
        this.log = log;
        this.ended = ended;
        this.peer = describe(socket);
        this.host = socket.getInetAddress() == null ? peer : socket.getInetAddress().getHostAddress();
    }

    @Override
    public void run() {
        try {
            Socket s = tls == null ? socket : handshake();
            if (s == null) {
                return;
            }
            current = s;
            InputStream raw = s.getInputStream();
            if (tls == null) {
                PushbackInputStream first = new PushbackInputStream(raw, 2);
                if (speaksTls(first)) {
                    refusals.refused(host, listener + ": " + peer + " speaks TLS, this receiver does not (start it with"
                            + " --input-tcp-secure, or drop the sender's --output-tcp-secure); connection closed,"
                            + " counted tls-refused");
                    stage.drop(Reason.TLS_REFUSED);
                    return;
                }
                raw = first;
            }
            Ending in = new Ending(raw);
            GorReader reader = GorReader.ofStream(in, listener + " from " + peer, stage, log, config.maxRecordBytes());
            for (Message message = reader.next(); message != null; message = reader.next()) {
                queue.put(message);
            }
            if (in.failure != null) {
                log.info(listener + ": connection from " + peer + " broken (" + SenderConnection.reason(in.failure) + ")");
            }
        } catch (IOException | RuntimeException e) {
            log.warn(listener + ": connection from " + peer + " ended: " + SenderConnection.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
            ended.run();
        }
    }

    private Socket handshake() throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, true);
        secure.setUseClientMode(false);
        secure.setNeedClientAuth(config.tls().orElseThrow().clientCa().isPresent());
        try {
            secure.setSoTimeout((int) config.limits().handshake().toMillis());
            secure.startHandshake();
            secure.setSoTimeout(0);
            return secure;
        } catch (IOException e) {
            String why = SenderConnection.reason(e);
            String hint = why.contains("Unsupported or unrecognized SSL message")
                    ? "; a plaintext sender? it needs --output-tcp-secure" : "";
            refusals.refused(host, listener + ": TLS handshake with " + peer + " failed (" + why + hint
                    + "); connection closed, counted tls-refused");
            stage.drop(Reason.TLS_REFUSED);
            return null;
        }
    }

    /** True when the stream starts as a TLS handshake record (0x16 0x03); the bytes read are pushed back. */
    private static boolean speaksTls(PushbackInputStream in) throws IOException {
        byte[] two = new byte[2];
        int n = in.readNBytes(two, 0, 2);
        if (n > 0) {
            in.unread(two, 0, n);
        }
        return n == 2 && two[0] == 0x16 && two[1] == 0x03;
    }

    /** Asks the sender to stop: it sees the end of our side, sends what it was writing and closes. */
    void askToStop() {
        try {
            current.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            close();
        }
    }

    void close() {
        try {
            current.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static String describe(Socket socket) {
        return socket.getRemoteSocketAddress() instanceof InetSocketAddress a
                ? (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort()
                : String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Turns a broken connection into the end of the stream, so the reader counts the record it cut. */
    private static final class Ending extends FilterInputStream {
        IOException failure;

        Ending(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (failure != null) {
                return -1;
            }
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                return -1;
            }
        }
    }
}
