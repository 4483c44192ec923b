import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The floor of {@code bench/replay/run --floor}: the least a JVM replay client can do with the same
 * .gor file and target, to tell the JVM's own cost (start, JIT warm-up) from shadowtap's. It reads the
 * whole file, cuts the payloads at the record separator, sends them unchanged over C non-blocking
 * connections on one selector (shadowtap's and wrk's model) and counts a response as complete once its
 * head and Content-Length bytes are in. No filters, no statistics, no pipeline, no checks beyond that:
 * it only fits nginx's answers to GETs.
 *
 * <p>{@code java MinimalClient FILE PORT C} prints {@code N responses in S s, R/s} for the replay phase
 * (first connect to last response).
 */
public final class MinimalClient {
    private static final byte[] SEPARATOR = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private MinimalClient() {
    }

    public static void main(String[] args) throws IOException {
        byte[] file = Files.readAllBytes(Path.of(args[0]));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        int connections = Integer.parseInt(args[2]);
        ArrayDeque<byte[]> requests = payloads(file);
        int total = requests.size();

        long start = System.nanoTime();
        Selector selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open(target);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(64 * 1024));
            send(channel, requests);
        }
        int done = 0;
        while (done < total) {
            selector.select();
            for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                SocketChannel channel = (SocketChannel) key.channel();
                ByteBuffer in = (ByteBuffer) key.attachment();
                if (channel.read(in) < 0) {
                    throw new IOException("the target closed a connection");
                }
                int end = responseEnd(in.array(), in.position());
                if (end < 0) {
                    continue;
                }
                System.arraycopy(in.array(), end, in.array(), 0, in.position() - end);
                in.position(in.position() - end);
                done++;
                send(channel, requests);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d responses in %.2f s, %.0f/s%n", done, seconds, done / seconds);
    }

    /** The payload of each record: after its header line, up to the next separator. */
    private static ArrayDeque<byte[]> payloads(byte[] file) {
        ArrayDeque<byte[]> out = new ArrayDeque<>();
        for (int pos = 0; pos < file.length; ) {
            int body = indexOf(file, new byte[] {'\n'}, pos, file.length) + 1;
            int end = indexOf(file, SEPARATOR, body, file.length);
            end = end < 0 ? file.length : end;
            out.add(Arrays.copyOfRange(file, body, end));
            pos = end + SEPARATOR.length;
        }
        return out;
    }

    private static void send(SocketChannel channel, ArrayDeque<byte[]> requests) throws IOException {
        byte[] request = requests.poll();
        if (request != null) {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
    }

    /** Where the first response in b[0, len) ends, or -1 while it is incomplete. */
    private static int responseEnd(byte[] b, int len) {
        int head = indexOf(b, HEAD_END, 0, len);
        if (head < 0) {
            return -1;
        }
        int end = head + HEAD_END.length + contentLength(b, head);
        return end <= len ? end : -1;
    }

    private static int contentLength(byte[] b, int headEnd) {
        for (int i = 0; i < headEnd; i++) {
            if (b[i] != '\n') {
                continue;
            }
            int j = 0;
            while (j < CONTENT_LENGTH.length && (b[i + 1 + j] | 0x20) == CONTENT_LENGTH[j]) {
                j++;
            }
            if (j == CONTENT_LENGTH.length) {
                int p = i + 1 + j;
                int value = 0;
                while (b[p] == ' ') {
                    p++;
                }
                while (b[p] >= '0' && b[p] <= '9') {
                    value = value * 10 + (b[p++] - '0');
                }
                return value;
            }
        }
        return 0;
    }

    private static int indexOf(byte[] b, byte[] s, int from, int to) {
        outer:
        for (int i = from; i + s.length <= to; i++) {
            for (int j = 0; j < s.length; j++) {
                if (b[i + j] != s[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
