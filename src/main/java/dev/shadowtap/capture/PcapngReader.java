package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.packet.Bytes;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.core.Log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads a pcapng stream block by block: Section Header (either byte order, any number of sections),
 * Interface Description (link type, {@code if_tsresol}, {@code if_tsoffset}), Enhanced, Simple and
 * obsolete Packet blocks, Interface Statistics ({@code isb_ifdrop} as kernel drops); other blocks are
 * skipped. A block whose length framing is broken is reported in one line and reading resumes at the
 * next offset where a block's framing is consistent (or stops when there is none); a block whose
 * content is wrong is reported, counted and skipped.
 */
final class PcapngReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int INTERFACE_STATISTICS = 5;
    private static final int ENHANCED_PACKET = 6;
    private static final int MAX_BLOCK = 64 << 20;
    /** Past a broken block, candidates are sought this far, and only blocks up to this size are believed. */
    private static final long MAX_SCAN = 64L << 20;
    private static final int MAX_RESYNC_BLOCK = 1 << 20;
    private static final int NAME_RESOLUTION = 4;
    private static final int DECRYPTION_SECRETS = 10;
    private static final int OPT_END = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final int ISB_IFDROP = 5;

    private final PcapFileInput in;
    private final String name;
    private final Log log;
    private final FrameCounters counters;
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private final Map<Integer, Long> interfaceDrops = new HashMap<>();
    private long kernelDropsOfEarlierSections;
    private boolean bigEndian;
    private boolean sectionSeen;
    private long lastTimestampNs;
    private LinkType firstLink;
    private boolean stopped;

    PcapngReader(PcapFileInput in, String name, Log log, FrameCounters counters) {
        this.in = in;
        this.name = name;
        this.log = log;
        this.counters = counters;
    }

    /** The first decodable interface's link type seen so far, or null. */
    LinkType firstLink() {
        return firstLink;
    }

    /** Reads blocks up to the first interface description, so that the link type is known. */
    void prime() throws IOException {
        while (firstLink == null && interfaces.isEmpty() && !stopped) {
            if (!block(null)) {
                return;
            }
        }
    }

    void run(FrameSink sink, BooleanSupplier closed) throws IOException {
        while (!stopped && !closed.getAsBoolean()) {
            if (!block(sink)) {
                return;
            }
        }
    }

    /**
     * Reads one block; a packet block with a null sink stops before it (prime). Returns false at
     * the end of the input or when reading must stop.
     */
    private boolean block(FrameSink sink) throws IOException {
        long at = in.offset();
        int available = in.need(12);
        if (available == 0) {
            return false;
        }
        if (available < 12) {
            return stop(Reason.TRUNCATED_FILE, "truncated block header at byte " + at + " (" + available
                    + " of 12 bytes before the end of the file); stopped there");
        }
        byte[] b = in.buf;
        int p = in.pos;
        int type = Bytes.i32be(b, p); // the section header type reads the same in both orders
        if (type == SECTION_HEADER) {
            int magic = Bytes.i32be(b, p + 8);
            if (magic == BYTE_ORDER_MAGIC) {
                bigEndian = true;
            } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                bigEndian = false;
            } else {
                return stop(Reason.CORRUPT_BLOCK, "corrupt section header at byte " + at + " (byte-order magic 0x"
                        + Integer.toHexString(magic) + "); stopped there");
            }
        } else if (!sectionSeen) {
            return stop(Reason.CORRUPT_BLOCK, "block type 0x" + Integer.toHexString(type) + " at byte " + at
                    + " before any section header; stopped there");
        } else {
            type = Bytes.i32(b, p, bigEndian);
        }
        long length = Integer.toUnsignedLong(Bytes.i32(b, p + 4, bigEndian));
        if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
            return resync(at, "type 0x" + Integer.toHexString(type) + ", length " + length);
        }
        boolean packet = type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET;
        if (packet && sink == null) {
            return false;
        }
        boolean needed = packet || type == SECTION_HEADER || type == INTERFACE_DESCRIPTION || type == INTERFACE_STATISTICS;
        if (!needed) {
            long skipped = in.skip(length);
            if (skipped < length) {
                return stop(Reason.TRUNCATED_FILE, "truncated block at byte " + at + " (" + skipped + " of " + length
                        + " bytes before the end of the file); stopped there");
            }
            return true;
        }
        int whole = (int) length;
        available = in.need(whole);
        if (available < whole) {
            return stop(Reason.TRUNCATED_FILE, "truncated block at byte " + at + " (type 0x" + Integer.toHexString(type)
                    + ", " + available + " of " + whole + " bytes before the end of the file); stopped there");
        }
        b = in.buf;
        p = in.pos;
        if (Bytes.i32(b, p + whole - 4, bigEndian) != whole) {
            return resync(at, "type 0x" + Integer.toHexString(type) + ": trailing length "
                    + Integer.toUnsignedString(Bytes.i32(b, p + whole - 4, bigEndian)) + " differs from " + whole);
        }
        int body = p + 8;
        int bodyEnd = p + whole - 4;
        switch (type) {
            case SECTION_HEADER -> section(b, body, bodyEnd, at);
            case INTERFACE_DESCRIPTION -> interfaceDescription(b, body, bodyEnd, at);
            case INTERFACE_STATISTICS -> interfaceStatistics(b, body, bodyEnd);
            case ENHANCED_PACKET -> enhancedPacket(b, body, bodyEnd, at, sink, false);
            case OBSOLETE_PACKET -> enhancedPacket(b, body, bodyEnd, at, sink, true);
            case SIMPLE_PACKET -> simplePacket(b, body, bodyEnd, at, sink);
            default -> throw new AssertionError(type);
        }
        in.advance(whole);
        return true;
    }

    private void section(byte[] b, int body, int bodyEnd, long at) {
        if (bodyEnd - body < 16) {
            corrupt(at, "section header shorter than 28 bytes");
            return;
        }
        int major = Bytes.u16(b, body + 4, bigEndian);
        if (major != 1) {
            log.warn(name + ": section at byte " + at + " has pcapng version " + major + ".x; reading it as 1.0");
        }
        sectionSeen = true;
        interfaces.clear();
        kernelDropsOfEarlierSections += interfaceDrops.values().stream().mapToLong(Long::longValue).sum();
        interfaceDrops.clear();
    }

    private void interfaceDescription(byte[] b, int body, int bodyEnd, long at) {
        if (bodyEnd - body < 8) {
            corrupt(at, "interface description shorter than 20 bytes");
            interfaces.add(new PcapngInterface(-1, null, 0, PcapngInterface.DEFAULT_TSRESOL, 0));
            return;
        }
        int code = Bytes.u16(b, body, bigEndian);
        long snaplen = Integer.toUnsignedLong(Bytes.i32(b, body + 4, bigEndian));
        int tsresol = PcapngInterface.DEFAULT_TSRESOL;
        long offsetSeconds = 0;
        int o = body + 8;
        while (bodyEnd - o >= 4) {
            int option = Bytes.u16(b, o, bigEndian);
            int optionLength = Bytes.u16(b, o + 2, bigEndian);
            int value = o + 4;
            if (option == OPT_END || value + optionLength > bodyEnd) {
                break;
            }
            if (option == IF_TSRESOL && optionLength >= 1) {
                tsresol = b[value] & 0xff;
            } else if (option == IF_TSOFFSET && optionLength >= 8) {
                offsetSeconds = Bytes.i64(b, value, bigEndian);
            }
            o = value + ((optionLength + 3) & ~3);
        }
        if (!PcapngInterface.validTsresol(tsresol)) {
            corrupt(at, "if_tsresol " + tsresol + " out of range, using microseconds");
            tsresol = PcapngInterface.DEFAULT_TSRESOL;
        }
        LinkType link = LinkType.fromCode(code);
        if (link == null) {
            log.warn(name + ": interface " + interfaces.size() + " (block at byte " + at + ") has link type "
                    + LinkType.describe(code) + ", which shadowtap cannot decode; its packets are skipped");
        } else if (firstLink == null) {
            firstLink = link;
        }
        interfaces.add(new PcapngInterface(code, link, snaplen, tsresol, offsetSeconds));
    }

    private void interfaceStatistics(byte[] b, int body, int bodyEnd) {
        if (bodyEnd - body < 12) {
            return;
        }
        int interfaceId = Bytes.i32(b, body, bigEndian);
        int o = body + 12;
        while (bodyEnd - o >= 4) {
            int option = Bytes.u16(b, o, bigEndian);
            int optionLength = Bytes.u16(b, o + 2, bigEndian);
            int value = o + 4;
            if (option == OPT_END || value + optionLength > bodyEnd) {
                break;
            }
            if (option == ISB_IFDROP && optionLength >= 8) {
                interfaceDrops.put(interfaceId, Bytes.i64(b, value, bigEndian));
                counters.kernelDrops(kernelDropsOfEarlierSections
                        + interfaceDrops.values().stream().mapToLong(Long::longValue).sum());
            }
            o = value + ((optionLength + 3) & ~3);
        }
    }

    private void enhancedPacket(byte[] b, int body, int bodyEnd, long at, FrameSink sink, boolean obsolete) {
        if (bodyEnd - body < 20) {
            corrupt(at, "packet block shorter than 32 bytes");
            return;
        }
        int interfaceId = obsolete ? Bytes.u16(b, body, bigEndian) : Bytes.i32(b, body, bigEndian);
        long high = Integer.toUnsignedLong(Bytes.i32(b, body + 4, bigEndian));
        long low = Integer.toUnsignedLong(Bytes.i32(b, body + 8, bigEndian));
        int caplen = Bytes.i32(b, body + 12, bigEndian);
        int origlen = Bytes.i32(b, body + 16, bigEndian);
        int data = body + 20;
        if (caplen < 0 || caplen > bodyEnd - data) {
            corrupt(at, "captured length " + Integer.toUnsignedString(caplen) + " runs past the block");
            return;
        }
        PcapngInterface face = face(interfaceId, at);
        if (face == null) {
            return;
        }
        lastTimestampNs = face.toNanos(high << 32 | low);
        deliver(sink, face, b, data, caplen, origlen);
    }

    private void simplePacket(byte[] b, int body, int bodyEnd, long at, FrameSink sink) {
        if (bodyEnd - body < 4) {
            corrupt(at, "simple packet block shorter than 16 bytes");
            return;
        }
        PcapngInterface face = face(0, at);
        if (face == null) {
            return;
        }
        int origlen = Bytes.i32(b, body, bigEndian);
        long caplen = Math.min(Integer.toUnsignedLong(origlen), bodyEnd - body - 4);
        if (face.snaplen() > 0) {
            caplen = Math.min(caplen, face.snaplen());
        }
        deliver(sink, face, b, body + 4, (int) caplen, origlen);
    }

    private void deliver(FrameSink sink, PcapngInterface face, byte[] b, int data, int caplen, int origlen) {
        if (face.link() == null) {
            counters.drop(Reason.UNKNOWN_LINK_TYPE);
            return;
        }
        int original = origlen < caplen ? caplen : origlen;
        counters.frame(caplen);
        sink.frame(b, data, caplen, original, lastTimestampNs, face.link());
    }

    private PcapngInterface face(int interfaceId, long at) {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            corrupt(at, "packet of interface " + Integer.toUnsignedString(interfaceId) + " but the section describes "
                    + interfaces.size());
            return null;
        }
        return interfaces.get(interfaceId);
    }

    private void corrupt(long at, String why) {
        counters.drop(Reason.CORRUPT_BLOCK);
        log.warn(name + ": corrupt block at byte " + at + " (" + why + "); skipped it");
    }

    /**
     * The block at {@code at} has broken length framing: look on 4-byte steps for the next offset
     * where a known block type with consistent leading and trailing lengths starts, and go on there.
     */
    private boolean resync(long at, String why) throws IOException {
        counters.drop(Reason.CORRUPT_BLOCK);
        in.advance(4);
        for (long scanned = 4; scanned < MAX_SCAN; scanned += 4) {
            if (in.need(12) < 12) {
                break;
            }
            if (plausibleBlock()) {
                long resumed = in.offset();
                log.warn(name + ": corrupt block at byte " + at + " (" + why + "); skipped " + (resumed - at)
                        + " bytes to the next block at byte " + resumed);
                return true;
            }
            in.advance(4);
        }
        log.warn(name + ": corrupt block at byte " + at + " (" + why + "); no block found after it, stopped");
        stopped = true;
        return false;
    }

    private boolean plausibleBlock() throws IOException {
        byte[] b = in.buf;
        int p = in.pos;
        boolean order = bigEndian;
        int type = Bytes.i32(b, p, order);
        if (Bytes.i32be(b, p) == SECTION_HEADER) {
            int magic = Bytes.i32be(b, p + 8);
            if (magic != BYTE_ORDER_MAGIC && magic != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                return false;
            }
            order = magic == BYTE_ORDER_MAGIC;
            type = SECTION_HEADER;
        } else if (type != INTERFACE_DESCRIPTION && type != ENHANCED_PACKET && type != SIMPLE_PACKET
                && type != INTERFACE_STATISTICS && type != OBSOLETE_PACKET && type != NAME_RESOLUTION
                && type != DECRYPTION_SECRETS) {
            return false;
        }
        long length = Integer.toUnsignedLong(Bytes.i32(b, p + 4, order));
        if (length < 12 || length % 4 != 0 || length > MAX_RESYNC_BLOCK || in.need((int) length) < length) {
            return false;
        }
        b = in.buf;
        p = in.pos;
        if (Bytes.i32(b, p + (int) length - 4, order) != (int) length) {
            return false;
        }
        return type != ENHANCED_PACKET || length < 32 || Integer.compareUnsigned(Bytes.i32(b, p + 8, order), interfaces.size()) < 0;
    }

    private boolean stop(Reason reason, String line) {
        counters.drop(reason);
        log.warn(name + ": " + line);
        stopped = true;
        return false;
    }
}
