package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.packet.LinkType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code --input-raw-engine vxlan}: a UDP socket receives VXLAN datagrams (RFC 7348: an 8-byte
 * header of flags, 24-bit network id (VNI) and reserved bytes, then an Ethernet frame), as a traffic
 * mirror (AWS VPC traffic mirroring, a switch's ERSPAN-like VXLAN export) sends them. Each inner
 * Ethernet frame goes to the sink as a captured frame stamped with the time it was received.
 *
 * <p>Datagrams that cannot be VXLAN are counted by reason: {@code vxlan-truncated} (shorter than the
 * header), {@code vxlan-no-vni} (the I flag, "VNI valid", is not set); those of networks not asked for
 * are counted {@code vxlan-vni-filtered}. No native code: a plain {@link DatagramChannel}.
 */
public final class VxlanEngine implements FrameEngine {
    static final int HEADER = 8;
    private static final int FLAG_VNI_VALID = 0x08;
    private static final int MAX_DATAGRAM = 65_535;

    private final VxlanConfig config;
    private final DatagramChannel channel;
    private final Selector selector;
    private final FrameCounters counters = new FrameCounters();
    private final boolean[] vnis;
    private final Consumer<Reason> onDrop;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    private VxlanEngine(VxlanConfig config, DatagramChannel channel, Selector selector, Consumer<Reason> onDrop) {
        this.config = config;
        this.onDrop = onDrop;
        this.channel = channel;
        this.selector = selector;
        if (config.vnis().isEmpty()) {
            this.vnis = null;
        } else {
            this.vnis = new boolean[1 << 24];
            config.vnis().forEach(v -> this.vnis[v] = true);
        }
    }

    /** Listens on {@code config.port()} on every address; a one-line IOException when the port cannot be had. */
    public static VxlanEngine open(VxlanConfig config) throws IOException {
        return open(config, reason -> { });
    }

    /**
     * As {@link #open(VxlanConfig)}; {@code onDrop} also hears, on the capture thread, the reason of each
     * datagram dropped (so a consumer can count losses where it counts its own).
     */
    public static VxlanEngine open(VxlanConfig config, Consumer<Reason> onDrop) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            if (config.receiveBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, (int) Math.min(Integer.MAX_VALUE, config.receiveBufferBytes()));
            }
            channel.bind(new InetSocketAddress(config.port()));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new VxlanEngine(config, channel, selector, onDrop);
        } catch (IOException e) {
            channel.close();
            throw new IOException("vxlan cannot listen on UDP port " + config.port() + ": " + e.getMessage());
        }
    }

    /** The UDP port actually bound (useful when 0 was asked for). */
    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public LinkType linkType() {
        return LinkType.ETHERNET;
    }

    @Override
    public void run(FrameSink sink) throws IOException {
        run(sink, () -> { });
    }

    /** As {@link #run(FrameSink)}, calling {@code idle} after each poll period without datagrams. */
    public void run(FrameSink sink, Runnable idle) throws IOException {
        if (closed || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("vxlan on UDP port " + config.port() + " is already running or closed");
        }
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        byte[] buf = buffer.array();
        try {
            while (!closed) {
                if (selector.select(config.pollMillis()) == 0) {
                    idle.run();
                    continue;
                }
                selector.selectedKeys().clear();
                while (!closed) {
                    buffer.clear();
                    if (channel.receive(buffer) == null) {
                        break;
                    }
                    datagram(buf, buffer.position(), sink);
                }
                sink.flush();
            }
        } catch (IOException e) {
            if (!closed) {
                throw new IOException("vxlan on UDP port " + config.port() + ": " + e.getMessage(), e);
            }
        } finally {
            release();
        }
    }

    private void datagram(byte[] buf, int length, FrameSink sink) {
        if (length < HEADER) {
            drop(Reason.VXLAN_TRUNCATED);
            return;
        }
        if ((buf[0] & FLAG_VNI_VALID) == 0) {
            drop(Reason.VXLAN_NO_VNI);
            return;
        }
        int vni = (buf[4] & 0xff) << 16 | (buf[5] & 0xff) << 8 | (buf[6] & 0xff);
        if (vnis != null && !vnis[vni]) {
            drop(Reason.VXLAN_VNI_FILTERED);
            return;
        }
        int frame = length - HEADER;
        Instant now = Instant.now();
        counters.frame(frame);
        sink.frame(buf, HEADER, frame, frame, now.getEpochSecond() * 1_000_000_000L + now.getNano(), LinkType.ETHERNET);
    }

    private void drop(Reason reason) {
        counters.drop(reason);
        onDrop.accept(reason);
    }

    @Override
    public void close() {
        closed = true;
        if (started.compareAndSet(false, true)) {
            release();
        } else {
            selector.wakeup();
        }
    }

    private void release() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing buffered in a selector
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // a datagram socket loses nothing of ours on close
        }
    }

    @Override
    public Stats stats() {
        return counters.snapshot();
    }
}
