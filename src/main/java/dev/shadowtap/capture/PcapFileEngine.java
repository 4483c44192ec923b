package dev.shadowtap.capture;

import dev.shadowtap.packet.Bytes;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.core.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * The {@code pcap_file} engine: reads a classic libpcap file ({@code .pcap}, either byte order,
 * micro- or nanosecond timestamps) or a {@code .pcapng} file, possibly gzip-compressed, from a path
 * or a stream, and hands each frame to the sink straight from one large reused read buffer.
 *
 * <p>{@link #open} reads the file header (and for pcapng up to the first interface) so that
 * {@link #linkType()} is known before {@link #run}; it throws a one-line {@link PcapFileException}
 * for a file that is not a capture or whose link type cannot be decoded. Damage inside the file is
 * logged in one line naming the file and byte offset, counted in {@link #stats()}, and either
 * skipped or the end of reading; {@code run} never throws for it. {@link #close()} stops
 * {@code run} before its next frame (a stream blocked in a read returns when its data comes).
 */
public final class PcapFileEngine implements FrameEngine {
    /** At most this many lines about damage in one file; further damage is only counted. */
    static final int MAX_WARNINGS = 20;

    private final String name;
    private final InputStream stream;
    private final FrameCounters counters;
    private final PcapFileClassicReader classic;
    private final PcapngReader pcapng;
    private final LinkType classicLink;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    private PcapFileEngine(String name, InputStream stream, FrameCounters counters,
                           PcapFileClassicReader classic, PcapngReader pcapng, LinkType classicLink) {
        this.name = name;
        this.stream = stream;
        this.counters = counters;
        this.classic = classic;
        this.pcapng = pcapng;
        this.classicLink = classicLink;
    }

    /** Opens {@code file}; problems are reported to {@code log}. */
    public static PcapFileEngine open(Path file, Log log) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new PcapFileException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new PcapFileException(file + ": permission denied");
        }
        if (Files.isDirectory(file)) {
            in.close();
            throw new PcapFileException(file + ": is a directory, not a pcap file");
        }
        return open(in, file.toString(), log, PcapFileInput.DEFAULT_BUFFER);
    }

    /** Reads a capture from {@code in} (e.g. standard input), called {@code name} in messages. */
    public static PcapFileEngine open(InputStream in, String name, Log log) throws IOException {
        return open(in, name, log, PcapFileInput.DEFAULT_BUFFER);
    }

    static PcapFileEngine open(InputStream raw, String name, Log log, int bufferSize) throws IOException {
        try {
            InputStream in;
            try {
                in = ungzipped(raw);
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                throw new PcapFileException(name + ": starts as gzip but its gzip header is cut or damaged");
            }
            Log capped = capped(log, name);
            FrameCounters counters = new FrameCounters();
            PcapFileInput input = new PcapFileInput(in, bufferSize);
            int available = input.need(4);
            if (available < 4) {
                throw new PcapFileException(name + ": not a pcap or pcapng file (" + available + " bytes long)");
            }
            int magic = Bytes.i32be(input.buf, input.pos);
            if (magic == PcapngReader.SECTION_HEADER) {
                PcapngReader reader = new PcapngReader(input, name, capped, counters);
                reader.prime();
                return new PcapFileEngine(name, in, counters, null, reader, null);
            }
            boolean bigEndian;
            if (magic == PcapFileClassicReader.MAGIC_MICROS || magic == PcapFileClassicReader.MAGIC_NANOS) {
                bigEndian = true;
            } else if (Integer.reverseBytes(magic) == PcapFileClassicReader.MAGIC_MICROS
                    || Integer.reverseBytes(magic) == PcapFileClassicReader.MAGIC_NANOS) {
                bigEndian = false;
            } else {
                throw new PcapFileException(name + ": not a pcap or pcapng file (magic 0x"
                        + String.format("%08x", magic) + " at byte 0)");
            }
            boolean nanos = (bigEndian ? magic : Integer.reverseBytes(magic)) == PcapFileClassicReader.MAGIC_NANOS;
            available = input.need(PcapFileClassicReader.FILE_HEADER);
            if (available < PcapFileClassicReader.FILE_HEADER) {
                throw new PcapFileException(name + ": truncated pcap file header (" + available + " of 24 bytes)");
            }
            int snaplen = Bytes.i32(input.buf, input.pos + 16, bigEndian);
            int code = Bytes.i32(input.buf, input.pos + 20, bigEndian);
            LinkType link = LinkType.fromCode(code);
            if (link == null) {
                throw new PcapFileException(name + ": link type " + LinkType.describe(code) + " is not supported"
                        + " (shadowtap decodes Ethernet, Linux cooked SLL and SLL2, raw IP and BSD loopback)");
            }
            input.advance(PcapFileClassicReader.FILE_HEADER);
            PcapFileClassicReader reader = new PcapFileClassicReader(input, name, capped, counters,
                    bigEndian, nanos, snaplen, link);
            return new PcapFileEngine(name, in, counters, reader, null, link);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public LinkType linkType() {
        return classic != null ? classicLink : pcapng.firstLink();
    }

    @Override
    public void run(FrameSink sink) throws IOException {
        if (closed || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " is already being read or closed");
        }
        try {
            if (classic != null) {
                classic.run(sink, () -> closed);
            } else {
                pcapng.run(sink, () -> closed);
            }
        } catch (IOException e) {
            if (!closed) {
                throw new IOException(name + ": " + e.getMessage(), e);
            }
        } finally {
            stream.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (started.compareAndSet(false, true)) {
            try {
                stream.close(); // never read: nobody else will close it
            } catch (IOException ignored) {
                // nothing was read from it; nothing is lost
            }
        }
    }

    @Override
    public Stats stats() {
        return counters.snapshot();
    }

    /** The file's name as used in messages. */
    public String name() {
        return name;
    }

    private static InputStream ungzipped(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] head = in.readNBytes(2);
        in.unread(head);
        if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static Log capped(Log log, String name) {
        return new Log() {
            private int warnings;

            @Override
            public void warn(String line) {
                warnings++;
                if (warnings <= MAX_WARNINGS) {
                    log.warn(line);
                } else if (warnings == MAX_WARNINGS + 1) {
                    log.warn(name + ": more damage than " + MAX_WARNINGS + " lines; the rest is only counted in the stats");
                }
            }

            @Override
            public void info(String line) {
                log.info(line);
            }
        };
    }
}
