package dev.shadowtap.io.binary;

import dev.shadowtap.core.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One TCP connection to the target, used by one recorded connection at a time: a request's bytes go
 * out whole, then the reply is read until the target goes quiet, closes, or the timeout has passed
 * since the request went out. The first byte is waited for up to the timeout; after it, the target is
 * quiet once nothing came for twice the first byte's latency (at least 20 ms, at most a fifth of the
 * timeout, GoReplay's wait between chunks): a reply streamed over a slow link is not cut, and one from
 * a near server does not cost GoReplay's second of waiting.
 */
final class TargetLink implements AutoCloseable {
    private static final long MIN_QUIET_NS = Duration.ofMillis(20).toNanos();
    /** A link idle longer than this is checked for a close by the target before it is used again. */
    private static final long CHECK_AFTER_NS = Duration.ofMillis(10).toNanos();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long timeoutNs;
    private final int buffer;
    private final byte[] chunk = new byte[16 * 1024];
    private long lastUsedNs = System.nanoTime();

    private TargetLink(Socket socket, Duration timeout, int buffer) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeoutNs = timeout.toNanos();
        this.buffer = buffer;
    }

    /** Connects within the timeout; a failure says why in a few words and names its reason. */
    static TargetLink open(BinaryTarget target, Duration timeout, int buffer) throws BinaryFailure {
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new BinaryFailure(Reason.UNKNOWN_HOST, "unknown host " + target.host());
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new TargetLink(socket, timeout, buffer);
        } catch (IOException e) {
            closeQuietly(socket);
            throw BinaryFailure.ofConnect(e, target.host(), timeout.toMillis());
        }
    }

    /** The local port, for the debug log. */
    int localPort() {
        return socket.getLocalPort();
    }

    /**
     * Whether the target closed this link while it was idle (GoReplay checks so before each send, then
     * connects again). Bytes the target sent meanwhile, late for the reply before, are read and counted.
     */
    boolean closedByTarget(Runnable lateBytes) {
        if (System.nanoTime() - lastUsedNs < CHECK_AFTER_NS) {
            return false;
        }
        try {
            socket.setSoTimeout(1);
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    return true;
                }
                lateBytes.run();
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends {@code request} and reads its reply. */
    BinaryReply exchange(byte[] request) throws BinaryFailure {
        long deadline = System.nanoTime() + timeoutNs;
        try {
            socket.setSoTimeout(millis(timeoutNs));
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw BinaryFailure.ofExchange(e);
        }
        long sentNs = System.nanoTime();
        byte[] kept = new byte[Math.min(buffer, 4096)];
        int keptLength = 0;
        long total = 0;
        long latency = -1;
        long quietNs = 0;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout(millis(latency < 0 ? left : Math.min(left, quietNs)));
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    break; // quiet, or the timeout
                }
                if (n < 0) {
                    if (total == 0) {
                        throw new BinaryFailure(Reason.CLOSED_EARLY, "the target closed the connection without a reply");
                    }
                    lastUsedNs = System.nanoTime();
                    return reply(kept, keptLength, total, latency, true);
                }
                if (latency < 0) {
                    latency = System.nanoTime() - sentNs;
                    quietNs = Math.clamp(2 * latency, MIN_QUIET_NS, Math.max(MIN_QUIET_NS, timeoutNs / 5));
                }
                total += n;
                int keep = (int) Math.min(n, buffer - keptLength);
                if (keep > 0) {
                    if (keptLength + keep > kept.length) {
                        kept = Arrays.copyOf(kept, (int) Math.min(buffer, Math.max(kept.length * 2L, keptLength + keep)));
                    }
                    System.arraycopy(chunk, 0, kept, keptLength, keep);
                    keptLength += keep;
                }
            }
        } catch (IOException e) {
            throw BinaryFailure.ofExchange(e);
        }
        if (total == 0) {
            throw new BinaryFailure(Reason.TIMEOUT, "no reply within " + Duration.ofNanos(timeoutNs).toMillis() + " ms");
        }
        lastUsedNs = System.nanoTime();
        boolean stillComing = System.nanoTime() >= deadline;
        BinaryReply r = reply(kept, keptLength, total, latency, false);
        return stillComing ? new BinaryReply(r.payload(), r.length(), r.latencyNs(), true, false) : r;
    }

    private BinaryReply reply(byte[] kept, int keptLength, long total, long latency, boolean closed) {
        return new BinaryReply(Arrays.copyOf(kept, keptLength), total, latency, total > keptLength, closed);
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(nanos).toMillis()));
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
