package dev.shadowtap.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.shadowtap.capture.ffi.TpacketLayouts.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * An AF_PACKET socket with a memory-mapped TPACKET_V3 receive ring. Each ready block is copied once
 * out of the ring into one reused heap array ({@link BlockCopy}), its frames are handed out as views
 * of that array (valid for the handler's call only), and the block goes straight back to the kernel.
 *
 * <p>The socket is opened with protocol 0, so it queues nothing until {@code bind} sets ETH_P_ALL:
 * the filter and ring are in place before the first packet arrives.
 */
public final class AfPacketSocket implements FrameSource {
    private static final int SO_ERROR = 4;
    private static final short POLL_FAILED = 8 | 16 | 32; // POLLERR | POLLHUP | POLLNVAL

    private final String name;
    private final Arena arena;
    private final int fd;
    private final MemorySegment ring;
    private final RingGeometry geometry;
    private final MemorySegment err;
    private final MemorySegment pollFd;
    private final MemorySegment stats;
    private final MemorySegment statsLength;
    private final BlockCopy block;
    private int nextBlock;
    private boolean closed;
    private final CounterRefresh counterRefresh = new CounterRefresh();
    private long kernelReceived;
    private long kernelDrops;
    private long ringFreezes;
    private long frames;
    private long bytes;
    private long truncated;
    private long loopbackEchoes;
    private volatile CaptureCounters published = new CaptureCounters(0, 0, 0, 0, 0, 0, 0, 0);

    private AfPacketSocket(String name, Arena arena, int fd, MemorySegment ring, RingGeometry geometry, MemorySegment err) {
        this.name = name;
        this.arena = arena;
        this.fd = fd;
        this.ring = ring;
        this.geometry = geometry;
        this.err = err;
        this.pollFd = arena.allocate(POLLFD);
        POLL_FD.set(pollFd, 0L, fd);
        POLL_EVENTS.set(pollFd, 0L, (short) (Libc.POLLIN | Libc.POLLERR));
        this.stats = arena.allocate(TPACKET_STATS_V3);
        this.statsLength = arena.allocate(JAVA_INT);
        this.block = new BlockCopy(geometry.blockSize());
    }

    /**
     * Opens, configures and binds the socket.
     *
     * @throws NativeCaptureException (one line) without the right to capture, for an unknown
     *                                interface, or when the kernel refuses the ring or the filter
     */
    public static AfPacketSocket open(AfPacketConfig config) {
        Arena arena = Arena.ofShared();
        try {
            return open(config, arena);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static AfPacketSocket open(AfPacketConfig config, Arena arena) {
        String name = config.anyInterface() ? "any" : config.interfaceName();
        MemorySegment err = Libc.errnoSegment(arena);
        int ifindex = 0;
        if (!config.anyInterface()) {
            ifindex = Libc.ifNameToIndex(err, config.interfaceName());
            if (ifindex == 0) {
                throw new NativeCaptureException("no such network interface: " + config.interfaceName());
            }
        }
        int fd = Libc.socket(err, Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            int errno = Libc.errno(err);
            if (errno == Libc.EPERM || errno == Libc.EACCES) {
                throw new NativeCaptureException("capturing needs root or CAP_NET_RAW (socket(AF_PACKET): "
                        + Libc.strerror(errno) + ")");
            }
            throw failure("socket(AF_PACKET)", errno);
        }
        RingGeometry geometry = RingGeometry.of(config.ringBytes(), config.blockBytes());
        MemorySegment ring = MemorySegment.NULL;
        try {
            MemorySegment version = arena.allocateFrom(JAVA_INT, Libc.TPACKET_V3);
            check(err, Libc.setsockopt(err, fd, Libc.SOL_PACKET, Libc.PACKET_VERSION, version), "setsockopt(PACKET_VERSION)");
            if (!config.anyInterface() && isLoopback(config.interfaceName())) {
                // On a loopback device every packet passes twice, as sent and as received: keep the kernel
                // from copying the sent echo into the ring at all (halves the ring's load; Linux 4.20+).
                // Where the option is missing the echoes are still skipped below, one by one.
                Libc.setsockopt(err, fd, Libc.SOL_PACKET, Libc.PACKET_IGNORE_OUTGOING, arena.allocateFrom(JAVA_INT, 1));
            }
            if (config.filter().isPresent()) {
                attachFilter(arena, err, fd, config.filter().get());
            }
            MemorySegment req = arena.allocate(TPACKET_REQ3);
            REQ_BLOCK_SIZE.set(req, 0L, geometry.blockSize());
            REQ_BLOCK_NR.set(req, 0L, geometry.blockCount());
            REQ_FRAME_SIZE.set(req, 0L, geometry.frameSize());
            REQ_FRAME_NR.set(req, 0L, geometry.frameCount());
            REQ_RETIRE_BLK_TOV.set(req, 0L, config.blockTimeoutMillis());
            if (Libc.setsockopt(err, fd, Libc.SOL_PACKET, Libc.PACKET_RX_RING, req) != 0) {
                throw new NativeCaptureException("the kernel refused a capture ring of " + geometry.totalBytes()
                        + " bytes (" + geometry.blockCount() + " blocks of " + geometry.blockSize()
                        + "; setsockopt(PACKET_RX_RING): " + Libc.strerror(Libc.errno(err))
                        + "); try a smaller --input-raw-buffer-size");
            }
            MemorySegment mapped = Libc.mmap(err, geometry.totalBytes(), Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd);
            if (Libc.mapFailed(mapped)) {
                throw failure("mmap of the capture ring", Libc.errno(err));
            }
            ring = mapped.reinterpret(geometry.totalBytes());
            if (config.promiscuous() && ifindex != 0) {
                MemorySegment mreq = arena.allocate(PACKET_MREQ);
                MREQ_IFINDEX.set(mreq, 0L, ifindex);
                MREQ_TYPE.set(mreq, 0L, (short) Libc.PACKET_MR_PROMISC);
                check(err, Libc.setsockopt(err, fd, Libc.SOL_PACKET, Libc.PACKET_ADD_MEMBERSHIP, mreq),
                        "setsockopt(PACKET_ADD_MEMBERSHIP promiscuous)");
            }
            MemorySegment address = arena.allocate(SOCKADDR_LL);
            SLL_FAMILY.set(address, 0L, (short) Libc.AF_PACKET);
            SLL_PROTOCOL.set(address, 0L, Libc.htons(Libc.ETH_P_ALL));
            SLL_IFINDEX.set(address, 0L, ifindex);
            if (Libc.bind(err, fd, address) != 0) {
                int errno = Libc.errno(err);
                if (errno == Libc.ENODEV) {
                    throw new NativeCaptureException("no such network interface: " + name);
                }
                throw failure("bind to " + name, errno);
            }
            return new AfPacketSocket(name, arena, fd, ring, geometry, err);
        } catch (RuntimeException e) {
            if (ring.address() != 0) {
                Libc.munmap(err, ring, ring.byteSize());
            }
            Libc.close(err, fd);
            throw e;
        }
    }

    /** Whether the interface is a loopback device ({@code ARPHRD_LOOPBACK} in sysfs). */
    private static boolean isLoopback(String interfaceName) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net", interfaceName, "type"))
                    .strip().equals(String.valueOf(LinkTypes.ARPHRD_LOOPBACK));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static void attachFilter(Arena arena, MemorySegment err, int fd, BpfProgram program) {
        int count = program.instructions().size();
        if (count > 0xFFFF) {
            throw new NativeCaptureException("BPF filter \"" + program.expression() + "\" is too long: " + count + " instructions");
        }
        MemorySegment code = arena.allocate(SOCK_FILTER, count);
        for (int i = 0; i < count; i++) {
            BpfInstruction insn = program.instructions().get(i);
            long at = i * SOCK_FILTER.byteSize();
            FILTER_CODE.set(code, at, (short) insn.code());
            FILTER_JT.set(code, at, (byte) insn.jt());
            FILTER_JF.set(code, at, (byte) insn.jf());
            FILTER_K.set(code, at, insn.k());
        }
        MemorySegment fprog = arena.allocate(SOCK_FPROG);
        FPROG_LEN.set(fprog, 0L, (short) count);
        FPROG_FILTER.set(fprog, 0L, code);
        if (Libc.setsockopt(err, fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, fprog) != 0) {
            throw new NativeCaptureException("the kernel refused the BPF filter \"" + program.expression()
                    + "\" (setsockopt(SO_ATTACH_FILTER): " + Libc.strerror(Libc.errno(err)) + ")");
        }
    }

    private static void check(MemorySegment err, int result, String call) {
        if (result != 0) {
            throw failure(call, Libc.errno(err));
        }
    }

    private static NativeCaptureException failure(String call, int errno) {
        return new NativeCaptureException("packet capture failed: " + call + ": " + Libc.strerror(errno));
    }

    @Override
    public int drain(RawFrameHandler handler) {
        if (closed) {
            return 0;
        }
        int delivered = 0;
        for (int blocks = 0; blocks < geometry.blockCount(); blocks++) {
            long base = (long) nextBlock * geometry.blockSize();
            if (((int) BLOCK_STATUS.getAcquire(ring, base) & TP_STATUS_USER) == 0) {
                break;
            }
            try {
                delivered += readBlock(base, handler);
            } finally {
                BLOCK_STATUS.setRelease(ring, base, TP_STATUS_KERNEL);
                nextBlock = (nextBlock + 1) % geometry.blockCount();
            }
        }
        maybeRefreshCounters();
        return delivered;
    }

    private int readBlock(long base, RawFrameHandler handler) {
        BlockCopy block = this.block;
        block.load(ring, base, Math.min((int) BLOCK_LEN.get(ring, base), geometry.blockSize()));
        int length = block.length;
        int count = block.i32(BlockCopy.NUM_PKTS);
        int delivered = 0;
        long offset = Integer.toUnsignedLong(block.i32(BlockCopy.FIRST_PKT));
        for (int i = 0; i < count && offset + BlockCopy.HEADERS <= length; i++) {
            int frame = (int) offset;
            int snaplen = block.i32(frame + BlockCopy.SNAPLEN);
            int wireLength = block.i32(frame + BlockCopy.LEN);
            long start = offset + block.u16(frame + BlockCopy.MAC);
            if (snaplen < 0 || start + snaplen > length) {
                break; // a header that does not fit its block: the ring is not what we think; skip the rest
            }
            int hatype = block.u16(frame + BlockCopy.HATYPE);
            if (hatype == LinkTypes.ARPHRD_LOOPBACK && block.u8(frame + BlockCopy.PKTTYPE) == PACKET_OUTGOING) {
                loopbackEchoes++;
            } else {
                long ns = Integer.toUnsignedLong(block.i32(frame + BlockCopy.SEC)) * 1_000_000_000L
                        + Integer.toUnsignedLong(block.i32(frame + BlockCopy.NSEC));
                int link = LinkTypes.ofHardwareType(hatype);
                int status = block.i32(frame + BlockCopy.STATUS);
                frames++;
                if (snaplen < wireLength) {
                    truncated++;
                }
                if ((status & TP_STATUS_VLAN_VALID) != 0 && link == LinkTypes.ETHERNET && snaplen >= 12) {
                    int tpid = (status & TP_STATUS_VLAN_TPID_VALID) != 0 ? block.u16(frame + BlockCopy.VLAN_TPID) : 0x8100;
                    int tci = block.i32(frame + BlockCopy.VLAN_TCI) & 0xFFFF;
                    byte[] tagged = VlanTag.reinsert(block.bytes, (int) start, snaplen, tpid, tci);
                    bytes += tagged.length;
                    handler.frame(tagged, 0, tagged.length, wireLength + 4, ns, link);
                } else {
                    bytes += snaplen;
                    handler.frame(block.bytes, (int) start, snaplen, wireLength, ns, link);
                }
                delivered++;
            }
            int next = block.i32(frame + BlockCopy.NEXT_OFFSET);
            if (next <= 0) {
                break;
            }
            offset += next;
        }
        return delivered;
    }

    @Override
    public void await(int millis) {
        if (closed) {
            return;
        }
        POLL_REVENTS.set(pollFd, 0L, (short) 0);
        int ready = Libc.poll(err, pollFd, 1, millis);
        if (ready < 0) {
            int errno = Libc.errno(err);
            if (errno != Libc.EINTR) {
                throw failure("poll on " + name, errno);
            }
        } else if (ready > 0 && ((short) POLL_REVENTS.get(pollFd, 0L) & POLL_FAILED) != 0) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
            Libc.getsockopt(err, fd, Libc.SOL_SOCKET, SO_ERROR, value, length);
            int socketError = value.get(JAVA_INT, 0);
            if (socketError != 0) {
                throw new NativeCaptureException("capture on " + name + " stopped: " + Libc.strerror(socketError));
            }
        }
        maybeRefreshCounters();
    }

    @Override
    public int linkType() {
        return LinkTypes.ETHERNET;
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

    /** PACKET_STATISTICS resets the kernel's counters on every read, so they are summed here. */
    private void refreshCounters() {
        statsLength.set(JAVA_INT, 0, (int) TPACKET_STATS_V3.byteSize());
        if (Libc.getsockopt(err, fd, Libc.SOL_PACKET, Libc.PACKET_STATISTICS, stats, statsLength) == 0) {
            kernelReceived += Integer.toUnsignedLong((int) STATS_PACKETS.get(stats, 0L));
            kernelDrops += Integer.toUnsignedLong((int) STATS_DROPS.get(stats, 0L));
            ringFreezes += Integer.toUnsignedLong((int) STATS_FREEZE_Q_CNT.get(stats, 0L));
        }
        published = new CaptureCounters(kernelReceived, kernelDrops, 0, ringFreezes, frames, bytes, truncated, loopbackEchoes);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        refreshCounters();
        Libc.munmap(err, ring, ring.byteSize());
        Libc.close(err, fd);
        arena.close();
    }

    @Override
    public String toString() {
        return "af_packet on " + name + " (" + geometry.blockCount() + " blocks of " + geometry.blockSize() + " bytes)";
    }
}
