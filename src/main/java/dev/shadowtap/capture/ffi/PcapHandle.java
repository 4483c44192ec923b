package dev.shadowtap.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.shadowtap.capture.ffi.PcapLayouts.*;
import static dev.shadowtap.capture.ffi.TpacketLayouts.POLLFD;
import static dev.shadowtap.capture.ffi.TpacketLayouts.POLL_EVENTS;
import static dev.shadowtap.capture.ffi.TpacketLayouts.POLL_FD;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A live, activated libpcap handle in non-blocking mode. {@link #drain} reads with
 * {@code pcap_next_ex} until nothing is ready; {@link #await} polls the selectable descriptor, so the
 * draining thread never sits inside libpcap and notices a close within one poll period.
 */
public final class PcapHandle implements FrameSource {
    private static final int MAX_PER_DRAIN = 4096;
    private static final int PCAP_ERROR_BREAK = -2;
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    private final Libpcap pcap;
    private final Arena arena;
    private final MemorySegment handle;
    private final String device;
    private final int linkType;
    private final long fractionToNanos;
    private final List<String> warnings;
    private final MemorySegment headerOut;
    private final MemorySegment dataOut;
    private final MemorySegment pollFd;
    private final MemorySegment err;
    private final MemorySegment stat;
    private boolean closed;
    private final CounterRefresh counterRefresh = new CounterRefresh();
    private long frames;
    private long bytes;
    private long truncated;
    private volatile CaptureCounters published = new CaptureCounters(0, 0, 0, 0, 0, 0, 0, 0);

    private PcapHandle(Libpcap pcap, Arena arena, MemorySegment handle, String device, int linkType, boolean nano,
                       int selectableFd, List<String> warnings) {
        this.pcap = pcap;
        this.arena = arena;
        this.handle = handle;
        this.device = device;
        this.linkType = linkType;
        this.fractionToNanos = nano ? 1 : 1000;
        this.warnings = List.copyOf(warnings);
        this.headerOut = arena.allocate(ADDRESS);
        this.dataOut = arena.allocate(ADDRESS);
        this.pollFd = arena.allocate(POLLFD);
        POLL_FD.set(pollFd, 0L, selectableFd);
        POLL_EVENTS.set(pollFd, 0L, Libc.POLLIN);
        this.err = Libc.errnoSegment(arena);
        this.stat = arena.allocate(STAT);
    }

    /**
     * Creates, configures and activates a capture on {@code config.device()}.
     *
     * @throws NativeCaptureException one line: libpcap missing, no such interface, no right to
     *                                capture, an unknown timestamp type, a bad filter
     */
    public static PcapHandle open(Libpcap pcap, LibpcapConfig config) {
        Arena arena = Arena.ofShared();
        MemorySegment errbuf = arena.allocate(Libpcap.ERRBUF_SIZE);
        MemorySegment p = pcap.create(arena.allocateFrom(config.device()), errbuf);
        if (p.address() == 0) {
            arena.close();
            throw new NativeCaptureException("libpcap cannot capture on " + config.device() + ": " + errbuf.getString(0));
        }
        try {
            List<String> warnings = new ArrayList<>();
            LibpcapConfig.Modes modes = config.modes();
            LibpcapConfig.Buffering buffering = config.buffering();
            pcap.setSnaplen(p, modes.snaplen());
            pcap.setPromisc(p, modes.promiscuous());
            if (buffering.immediate()) {
                pcap.setImmediateMode(p, true);
            } else {
                pcap.setTimeout(p, buffering.timeoutMillis());
            }
            if (buffering.bufferBytes() > 0) {
                pcap.setBufferSize(p, (int) Math.min(Integer.MAX_VALUE, buffering.bufferBytes()));
            }
            if (modes.timestampType().isPresent()) {
                setTimestampType(pcap, arena, p, config.device(), modes.timestampType().get());
            }
            if (modes.monitor()) {
                setMonitor(pcap, p, config.device());
            }
            pcap.setNanoPrecision(p);
            int status = pcap.activate(p);
            if (status < 0) {
                throw activationError(pcap, p, config.device(), status);
            }
            if (status > 0) {
                warnings.add("libpcap on " + config.device() + ": " + detail(pcap, p, status));
            }
            int link = pcap.datalink(p);
            if (config.cookedV2() && link == LinkTypes.LINUX_SLL) {
                if (pcap.setDatalink(p, LinkTypes.LINUX_SLL2) != 0) {
                    throw new NativeCaptureException("libpcap on " + config.device()
                            + " cannot give each frame's interface (Linux cooked v2, libpcap 1.10 or later): " + pcap.geterr(p));
                }
                link = pcap.datalink(p);
            }
            if (config.filter().isPresent()) {
                setFilter(pcap, arena, p, config.filter().get());
            }
            if (pcap.setnonblock(p, true, errbuf) != 0) {
                throw new NativeCaptureException("libpcap cannot capture on " + config.device() + ": " + errbuf.getString(0));
            }
            int fd = pcap.selectableFd(p);
            if (fd < 0) {
                throw new NativeCaptureException("libpcap cannot capture on " + config.device() + ": no descriptor to wait on");
            }
            return new PcapHandle(pcap, arena, p, config.device(), link, pcap.nanoPrecision(p), fd, warnings);
        } catch (RuntimeException e) {
            pcap.close(p);
            arena.close();
            throw e;
        }
    }

    /**
     * {@code --input-raw-timestamp-type}: libpcap's name ("host", "adapter"...), also as GoReplay spells
     * it ("PCAP_TSTAMP_ADAPTER"). A name libpcap does not know, or one the device does not offer, is
     * one line listing what the device offers.
     */
    private static void setTimestampType(Libpcap pcap, Arena arena, MemorySegment p, String device, String given) {
        String name = timestampTypeName(given);
        int type = pcap.tstampTypeNameToVal(arena.allocateFrom(name));
        if (type < 0) {
            throw new NativeCaptureException("--input-raw-timestamp-type " + given + ": unknown; " + supported(pcap, p, device));
        }
        int status = pcap.setTstampType(p, type);
        if (status != 0) {
            throw new NativeCaptureException("--input-raw-timestamp-type " + given + ": not supported; " + supported(pcap, p, device));
        }
    }

    /** libpcap's lower-case name for a timestamp type given with or without GoReplay's PCAP_TSTAMP_ prefix. */
    static String timestampTypeName(String given) {
        String lower = given.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("pcap_tstamp_") ? lower.substring("pcap_tstamp_".length()) : lower;
    }

    private static String supported(Libpcap pcap, MemorySegment p, String device) {
        List<String> types = pcap.timestampTypes(p);
        return types.isEmpty() ? inWords(device) + " offers only host" : inWords(device) + " offers " + String.join(", ", types);
    }

    /** libpcap's pseudo-interface "any" in words, so that "any offers only host" is not read as English. */
    static String inWords(String device) {
        return device.equals("any") ? "any (all interfaces)" : device;
    }

    /** {@code --input-raw-monitor}: only an interface that can (a wireless one) goes to monitor mode. */
    private static void setMonitor(Libpcap pcap, MemorySegment p, String device) {
        int can = pcap.canSetRfmon(p);
        if (can == 0) {
            throw new NativeCaptureException("--input-raw-monitor: " + inWords(device)
                    + " cannot be put in monitor mode (only wireless interfaces can)");
        }
        if (can < 0) {
            throw new NativeCaptureException("--input-raw-monitor: " + device + ": " + detail(pcap, p, can));
        }
        pcap.setRfmon(p, true);
    }

    private static void setFilter(Libpcap pcap, Arena arena, MemorySegment p, String expression) {
        MemorySegment program = arena.allocate(BPF_PROGRAM);
        if (pcap.compile(p, program, arena.allocateFrom(expression), true, Libpcap.NETMASK_UNKNOWN) != 0) {
            throw new NativeCaptureException("bad --input-raw-bpf-filter \"" + expression + "\": " + pcap.geterr(p));
        }
        try {
            if (pcap.setfilter(p, program) != 0) {
                throw new NativeCaptureException("libpcap refused the filter \"" + expression + "\": " + pcap.geterr(p));
            }
        } finally {
            pcap.freecode(program);
        }
    }

    private static NativeCaptureException activationError(Libpcap pcap, MemorySegment p, String device, int status) {
        return switch (status) {
            case PCAP_ERROR_NO_SUCH_DEVICE -> new NativeCaptureException("no such network interface: " + device);
            case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED -> new NativeCaptureException(
                    "capturing needs root or CAP_NET_RAW (pcap_activate: " + detail(pcap, p, status) + ")");
            default -> new NativeCaptureException("libpcap cannot capture on " + device + ": " + detail(pcap, p, status));
        };
    }

    /** libpcap's name for a status, and its message when it left one. */
    private static String detail(Libpcap pcap, MemorySegment p, int status) {
        String text = pcap.statustostr(status);
        String message = pcap.geterr(p);
        return message.isBlank() ? text : text + ": " + message;
    }

    /** Warnings from activation (promiscuous mode or a timestamp type not supported), one line each. */
    public List<String> warnings() {
        return warnings;
    }

    /** The one array every frame is copied into. */
    private byte[] frame = new byte[2048];

    @Override
    public int drain(RawFrameHandler handler) {
        if (closed) {
            return 0;
        }
        int delivered = 0;
        while (delivered < MAX_PER_DRAIN) {
            int result = pcap.nextEx(handle, headerOut, dataOut);
            if (result == 1) {
                MemorySegment header = headerOut.get(ADDRESS, 0).reinterpret(PKTHDR.byteSize());
                int caplen = (int) HDR_CAPLEN.get(header, 0L);
                int length = (int) HDR_LEN.get(header, 0L);
                long ns = (long) HDR_SEC.get(header, 0L) * 1_000_000_000L + (long) HDR_FRACTION.get(header, 0L) * fractionToNanos;
                if (frame.length < caplen) {
                    frame = new byte[caplen];
                }
                byte[] copy = frame; // lent for the handler's call, as RawFrameHandler says: nothing allocated per packet
                MemorySegment.copy(dataOut.get(ADDRESS, 0).reinterpret(caplen), JAVA_BYTE, 0, copy, 0, caplen);
                frames++;
                bytes += caplen;
                if (caplen < length) {
                    truncated++;
                }
                delivered++;
                handler.frame(copy, 0, caplen, length, ns, linkType);
            } else if (result == 0 || result == PCAP_ERROR_BREAK) {
                break;
            } else {
                throw new NativeCaptureException("capture on " + device + " stopped: " + pcap.geterr(handle));
            }
        }
        maybeRefreshCounters();
        return delivered;
    }

    @Override
    public void await(int millis) {
        if (closed) {
            return;
        }
        if (Libc.poll(err, pollFd, 1, millis) < 0 && Libc.errno(err) != Libc.EINTR) {
            throw new NativeCaptureException("capture on " + device + " stopped: poll: " + Libc.strerror(Libc.errno(err)));
        }
        maybeRefreshCounters();
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public CaptureCounters counters() {
        return published;
    }

    private void maybeRefreshCounters() {
        if (counterRefresh.due()) {
            refreshCounters();
        }
    }

    /** pcap_stats gives running totals since activation. */
    private void refreshCounters() {
        CaptureCounters last = published;
        long received = last.kernelReceived();
        long drops = last.kernelDrops();
        long ifDrops = last.interfaceDrops();
        if (pcap.stats(handle, stat) == 0) {
            received = Integer.toUnsignedLong((int) STAT_RECV.get(stat, 0L));
            drops = Integer.toUnsignedLong((int) STAT_DROP.get(stat, 0L));
            ifDrops = Integer.toUnsignedLong((int) STAT_IFDROP.get(stat, 0L));
        }
        published = new CaptureCounters(received, drops, ifDrops, 0, frames, bytes, truncated, 0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        refreshCounters();
        pcap.close(handle);
        arena.close();
    }

    @Override
    public String toString() {
        return "libpcap on " + device + " (link type " + linkType + ")";
    }
}
