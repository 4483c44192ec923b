package dev.shadowtap.io.raw;

import dev.shadowtap.capture.AfPacketEngine;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.FrameSink;
import dev.shadowtap.capture.LibpcapEngine;
import dev.shadowtap.capture.PcapFileEngine;
import dev.shadowtap.capture.ffi.AfPacketConfig;
import dev.shadowtap.capture.ffi.BpfCompiler;
import dev.shadowtap.capture.ffi.BpfProgram;
import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.Libpcap;
import dev.shadowtap.capture.ffi.LibpcapConfig;
import dev.shadowtap.capture.ffi.LinkTypes;
import dev.shadowtap.capture.ffi.NativeCaptureException;
import dev.shadowtap.capture.ffi.PortFilter;
import dev.shadowtap.capture.ffi.RawFrameHandler;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.pipeline.Log;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens the engine of one {@code --input-raw}: the AF_PACKET ring with the default port filter (or
 * the {@code --input-raw-bpf-filter} expression compiled by libpcap), libpcap, or a capture file.
 * Everything that stops a capture from starting (no right to capture, no such interface, libpcap
 * missing, a bad filter, an unreadable file) becomes a one-line IOException.
 */
final class Feeds {
    /** Largest frame a default filter keeps: every byte of any loopback or jumbo frame. */
    private static final int SNAPLEN = 262_144;
    private static final int OVERRIDDEN_SNAPLEN = 65_535;

    private Feeds() {
    }

    static FrameFeed open(RawInputConfig config, CaptureAddress address, Log log) throws IOException {
        try {
            return switch (config.engine()) {
                case PCAP_FILE -> file(PcapFileEngine.open(address.file().orElseThrow(), log));
                case AF_PACKET -> afPacket(config, address);
                case LIBPCAP -> libpcap(config, address, log);
            };
        } catch (NativeCaptureException e) {
            throw new IOException("--input-raw " + config.address() + ": " + e.getMessage());
        }
    }

    private static FrameFeed afPacket(RawInputConfig config, CaptureAddress address) {
        AfPacketConfig defaults = AfPacketConfig.of(address.interfaceName());
        long ring = config.bufferBytes() > 0 ? config.bufferBytes() : defaults.ringBytes();
        int block = (int) Math.min(defaults.blockBytes(), ring);
        int blockTimeout = config.bufferTimeout().isZero() ? defaults.blockTimeoutMillis()
                : (int) Math.max(1, config.bufferTimeout().toMillis());
        BpfProgram filter = config.bpfFilter().isPresent()
                ? new BpfCompiler(Libpcap.load()).compile(config.bpfFilter().get(), LinkTypes.ETHERNET, SNAPLEN)
                : PortFilter.tcpPorts(address.ports(), SNAPLEN);
        AfPacketEngine engine = new AfPacketEngine(new AfPacketConfig(address.interfaceName(), ring, block,
                blockTimeout, config.promiscuous(), Optional.of(filter), defaults.pollMillis()));
        return live(engine::run, engine::close, engine::stats);
    }

    private static FrameFeed libpcap(RawInputConfig config, CaptureAddress address, Log log) {
        LibpcapConfig defaults = LibpcapConfig.of(address.interfaceName());
        String filter = config.bpfFilter().orElseGet(() -> String.join(" or ",
                address.ports().stream().map(p -> "tcp port " + p).toList()));
        int timeout = config.bufferTimeout().isZero() ? defaults.timeoutMillis()
                : (int) Math.max(1, config.bufferTimeout().toMillis());
        LibpcapConfig pcapConfig = new LibpcapConfig(defaults.device(),
                config.overrideSnaplen() ? OVERRIDDEN_SNAPLEN : defaults.snaplen(), config.promiscuous(), false,
                timeout, config.bufferBytes() > 0 ? config.bufferBytes() : defaults.bufferBytes(),
                Optional.empty(), Optional.of(filter), defaults.pollMillis());
        LibpcapEngine engine = new LibpcapEngine(Libpcap.load(), pcapConfig, log);
        return live(engine::run, engine::close, engine::stats);
    }

    /** How a native engine runs: frames with pcap link type codes, plus idle wake-ups. */
    private interface NativeRun {
        void run(RawFrameHandler handler, Runnable idle);
    }

    private static FrameFeed live(NativeRun run, Runnable close, Supplier<CaptureCounters> stats) {
        return new FrameFeed() {
            @Override
            public void run(FrameSink sink, Runnable idle) {
                run.run((buf, off, len, originalLength, timestampNs, linkType) ->
                        sink.frame(buf, off, len, originalLength, timestampNs, LinkType.fromCode(linkType)), idle);
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
        };
    }

    private static FrameFeed file(CaptureEngine engine) {
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
                CaptureEngine.Stats s = engine.stats();
                return "packets=" + s.packets() + " bytes=" + s.bytes() + " kernel-drops=" + s.kernelDrops()
                        + " engine-drops=" + s.drops();
            }
        };
    }
}
