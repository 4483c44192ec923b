package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.AfPacketConfig;
import dev.shadowtap.capture.ffi.BpfCompiler;
import dev.shadowtap.capture.ffi.BpfProgram;
import dev.shadowtap.capture.ffi.InterfaceExclusion;
import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.Libpcap;
import dev.shadowtap.capture.ffi.LibpcapConfig;
import dev.shadowtap.capture.ffi.LinkTypes;
import dev.shadowtap.capture.ffi.NativeCaptureException;
import dev.shadowtap.capture.ffi.PortFilter;
import dev.shadowtap.capture.ffi.RawFrameHandler;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Opens the engine of one {@link CaptureSpec}: the AF_PACKET ring with the default port filter (or
 * the {@code --input-raw-bpf-filter} expression compiled by libpcap), libpcap, a capture file, or a
 * VXLAN socket.
 * Everything that stops a capture from starting (no right to capture, no such interface, libpcap
 * missing, a bad filter, an unreadable file) becomes a one-line IOException.
 */
final class Feeds {
    /** Largest frame a default filter keeps: every byte of any loopback or jumbo frame. */
    private static final int SNAPLEN = 262_144;
    private static final int OVERRIDDEN_SNAPLEN = 65_535;

    private Feeds() {
    }

    /**
     * @param ignored interface indexes of {@code --input-raw-ignore-interface}
     * @param stage   the input's counters, where the vxlan engine counts the datagrams it drops
     */
    static FrameFeed open(CaptureSpec spec, CaptureAddress address, Set<Integer> ignored, StageStats stage, Log log)
            throws IOException {
        if (!address.interfaceName().isEmpty() && !address.interfaceName().equals("any")
                && spec.rules().ignoreInterfaces().contains(address.interfaceName())) {
            throw new IOException("--input-raw-ignore-interface " + address.interfaceName() + ": --input-raw "
                    + spec.address() + " captures on " + address.interfaceName() + " alone; nothing would be captured");
        }
        try {
            return switch (spec.engine()) {
                case PCAP_FILE -> file(PcapFileEngine.open(address.file().orElseThrow(), log));
                case AF_PACKET, RAW_SOCKET -> afPacket(spec.device(), address, ignored);
                case LIBPCAP -> libpcap(spec, address, ignored, log);
                case VXLAN -> vxlan(spec, stage);
            };
        } catch (NativeCaptureException e) {
            throw new IOException("--input-raw " + spec.address() + ": " + e.getMessage());
        }
    }

    private static FrameFeed afPacket(DeviceOptions device, CaptureAddress address, Set<Integer> ignored) {
        AfPacketConfig defaults = AfPacketConfig.of(address.interfaceName());
        long ring = device.bufferBytes() > 0 ? device.bufferBytes() : defaults.ringBytes();
        int block = (int) Math.min(defaults.blockBytes(), ring);
        int blockTimeout = device.bufferTimeout().isZero() ? defaults.blockTimeoutMillis()
                : (int) Math.max(1, device.bufferTimeout().toMillis());
        BpfProgram filter = device.bpfFilter().isPresent()
                ? new BpfCompiler(Libpcap.load()).compile(device.bpfFilter().get(), LinkTypes.ETHERNET, SNAPLEN)
                : PortFilter.tcpPorts(address.ports(), SNAPLEN);
        filter = InterfaceExclusion.excluding(filter, ignored);
        AfPacketEngine engine = new AfPacketEngine(new AfPacketConfig(address.interfaceName(), ring, block,
                blockTimeout, device.promiscuous(), Optional.of(filter), defaults.pollMillis()));
        return live(engine::run, engine::close, engine::stats);
    }

    private static FrameFeed libpcap(CaptureSpec spec, CaptureAddress address, Set<Integer> ignored, Log log) {
        DeviceOptions device = spec.device();
        LibpcapConfig defaults = LibpcapConfig.of(address.interfaceName());
        String ports = String.join(" or ", address.ports().stream().map(p -> "tcp port " + p).toList());
        // tagged frames whose tag is still in the frame need libpcap's "vlan" to shift the offsets
        String filter = device.bpfFilter().orElseGet(() -> spec.rules().keepsTagged()
                ? "(" + ports + ") or (vlan and (" + ports + "))" : ports);
        int timeout = device.bufferTimeout().isZero() ? defaults.buffering().timeoutMillis()
                : (int) Math.max(1, device.bufferTimeout().toMillis());
        var modes = new LibpcapConfig.Modes(device.overrideSnaplen() ? OVERRIDDEN_SNAPLEN : defaults.modes().snaplen(),
                device.promiscuous(), device.monitor(), device.timestampType().filter(t -> !t.equalsIgnoreCase("go")));
        var buffering = new LibpcapConfig.Buffering(false, timeout,
                device.bufferBytes() > 0 ? device.bufferBytes() : defaults.buffering().bufferBytes());
        LibpcapConfig pcapConfig = new LibpcapConfig(defaults.device(), modes, buffering, Optional.of(filter),
                !ignored.isEmpty(), defaults.pollMillis());
        LibpcapEngine engine = new LibpcapEngine(Libpcap.load(), pcapConfig, log);
        return live(engine::run, engine::close, engine::stats);
    }

    private static FrameFeed vxlan(CaptureSpec spec, StageStats stage) throws IOException {
        VxlanEngine engine;
        try {
            engine = VxlanEngine.open(new VxlanConfig(spec.vxlan().port(), spec.vxlan().vnis(), spec.device().bufferBytes(),
                    VxlanConfig.DEFAULT_POLL_MILLIS), stage::drop);
        } catch (IOException e) {
            throw new IOException("--input-raw " + spec.address() + ": " + e.getMessage(), e);
        }
        return new FrameFeed() {
            @Override
            public void run(FrameSink sink, Runnable idle) throws IOException {
                engine.run(sink, idle);
            }

            @Override
            public void close() {
                engine.close();
            }

            @Override
            public boolean finite() {
                return false;
            }

            @Override
            public String counters() {
                FrameEngine.Stats s = engine.stats();
                return "packets=" + s.packets() + " bytes=" + s.bytes() + " engine-drops=" + s.drops();
            }

            @Override
            public CaptureTotals totals() {
                FrameEngine.Stats s = engine.stats();
                return new CaptureTotals(s.packets(), s.bytes(), s.kernelDrops(), 0);
            }
        };
    }

    /** How a native engine runs: frames with pcap link type codes, plus idle wake-ups. */
    private interface NativeRun {
        void run(RawFrameHandler handler, Runnable idle);
    }

    private static FrameFeed live(NativeRun run, Runnable close, Supplier<CaptureCounters> stats) {
        return new FrameFeed() {
            @Override
            public void run(FrameSink sink, Runnable idle) {
                run.run(new RawFrameHandler() {
                    @Override
                    public void frame(byte[] buf, int off, int len, int originalLength, long timestampNs, int linkType) {
                        sink.frame(buf, off, len, originalLength, timestampNs, LinkType.fromCode(linkType));
                    }

                    @Override
                    public void drained() {
                        sink.flush();
                    }
                }, idle);
            }

            @Override
            public void close() {
                close.run();
            }

            @Override
            public boolean finite() {
                return false;
            }

            @Override
            public String counters() {
                CaptureCounters c = stats.get();
                return "packets=" + c.frames() + " bytes=" + c.bytes() + " kernel-received=" + c.kernelReceived()
                        + " kernel-drops=" + c.kernelDrops() + " interface-drops=" + c.interfaceDrops()
                        + " ring-freezes=" + c.ringFreezes() + " truncated=" + c.truncated();
            }

            @Override
            public CaptureTotals totals() {
                CaptureCounters c = stats.get();
                return new CaptureTotals(c.frames(), c.bytes(), c.kernelDrops(), c.interfaceDrops());
            }
        };
    }

    private static FrameFeed file(FrameEngine engine) {
        return new FrameFeed() {
            @Override
            public void run(FrameSink sink, Runnable idle) throws IOException {
                engine.run(sink);
            }

            @Override
            public void close() {
                engine.close();
            }

            @Override
            public boolean finite() {
                return true;
            }

            @Override
            public String counters() {
                FrameEngine.Stats s = engine.stats();
                return "packets=" + s.packets() + " bytes=" + s.bytes() + " kernel-drops=" + s.kernelDrops()
                        + " engine-drops=" + s.drops();
            }

            @Override
            public CaptureTotals totals() {
                FrameEngine.Stats s = engine.stats();
                return new CaptureTotals(s.packets(), s.bytes(), s.kernelDrops(), 0);
            }
        };
    }
}
