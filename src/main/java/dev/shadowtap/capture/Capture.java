package dev.shadowtap.capture;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * One capture, opened from its {@link CaptureSpec}: the door to everything in this package. It
 * parses the address, opens the engine (AF_PACKET ring, libpcap, a capture file or VXLAN), and
 * {@link #run} decodes each frame and passes the TCP packets of the captured ports that the
 * {@link FrameRules} keep to a {@link PacketSink}, counting what it refuses on the input's stage.
 * Native code ({@code capture.ffi}) stays behind it.
 */
public final class Capture implements AutoCloseable {
    private final CaptureAddress address;
    private final CaptureEngine engine;
    private final FrameSelection selection;
    private final FrameFeed feed;
    private final StageStats stage;

    private Capture(CaptureAddress address, CaptureEngine engine, FrameSelection selection, FrameFeed feed,
                    StageStats stage) {
        this.address = address;
        this.engine = engine;
        this.selection = selection;
        this.feed = feed;
        this.stage = stage;
    }

    /**
     * Opens the capture; frames flow only once {@link #run} is called. One-line IOException when it
     * cannot start (bad address, no such interface to ignore, no right to capture, no such interface,
     * libpcap missing, bad filter, unreadable file).
     *
     * @param stage the input's counters: losses by reason (decoding, selection, the vxlan engine's)
     */
    public static Capture open(CaptureSpec spec, StageStats stage, Log log) throws IOException {
        CaptureAddress address = CaptureAddress.parse(spec.address(), spec.engine());
        Set<Integer> ignored = IgnoredInterfaces.indexes(spec.rules().ignoreInterfaces());
        FrameSelection selection = new FrameSelection(spec.rules().keepsTagged(), spec.rules().vlanIds(), ignored);
        return new Capture(address, spec.engine(), selection, Feeds.open(spec, address, ignored, stage, log), stage);
    }

    /** The server ports captured; empty for a capture file given without ports (every TCP port). */
    public List<Integer> ports() {
        return address.ports();
    }

    /**
     * Delivers packets on the calling thread (a platform thread of its own) until the end of a file
     * or {@link #close}; {@code idle} runs on it when the wire is quiet.
     */
    public void run(PacketSink sink, Runnable idle) throws IOException {
        feed.run(new FrameDecoder(sink, stage, address.ports(), selection), idle);
    }

    /** Stops {@link #run}; idempotent, from any thread. */
    @Override
    public void close() {
        feed.close();
    }

    /** True when the frames end by themselves (a file). */
    public boolean finite() {
        return feed.finite();
    }

    /** What is captured, for a line once it runs: "interface lo, port 8080, af_packet" or the file read. */
    public String describe() {
        String ports = address.ports().isEmpty() ? "every TCP port"
                : (address.ports().size() == 1 ? "port " : "ports ")
                        + String.join(",", address.ports().stream().map(String::valueOf).toList());
        String where = address.file().map(f -> "file " + f)
                .orElse(address.interfaceName().equals("any") ? "every interface" : "interface " + address.interfaceName());
        return where + ", " + ports + ", engine " + engine.cliName();
    }

    /** Engine counters for {@code --input-raw-stats}: packets, bytes, kernel and engine drops. */
    public String counters() {
        return feed.counters();
    }

    /** The engine's counters as numbers (packets, bytes, kernel and interface drops); from any thread. */
    public CaptureTotals totals() {
        return feed.totals();
    }
}
