package dev.shadowtap.http2;

import java.util.Arrays;

/**
 * Frames one direction of an HTTP/2 connection as its bytes arrive, in chunks of any size: a
 * resumable state machine that hands each whole frame to its {@link Sink} and keeps the partial rest.
 * The client's direction may begin with the connection preface, which is checked and skipped. Where
 * frame boundaries are unknown (a capture that joined mid-connection, the bytes after a gap) it
 * resynchronises: bytes are held until {@link FrameChain} finds where frames start, and what comes
 * before is skipped ({@link #skippedBytes()}). One thread only.
 */
final class FrameReader {
    /** Receives whole frames; {@code payload[from, to)} is valid only during the call. */
    interface Sink {
        void frame(int type, int flags, int stream, byte[] payload, int from, int to, long startNs);
    }

    private enum State { PREFACE, HEADER, PAYLOAD, RESYNC }

    /** Bytes held while looking for frame boundaries: room for a chain of maximum-size frames. */
    private static final int RESYNC_WINDOW = 64 << 10;

    private final Sink sink;
    private State state;
    private int prefaceSeen;
    private final byte[] header = new byte[Frames.HEADER_LENGTH];
    private int headerFill;
    private byte[] payload = new byte[Frames.DEFAULT_MAX_FRAME];
    private int payloadLength;
    private int payloadFill;
    private byte[] held;
    private int heldFill;
    private long frameStartNs;
    private long skipped;
    private long resyncs;

    private FrameReader(Sink sink, State state) {
        this.sink = sink;
        this.state = state;
    }

    /** A reader for the client's direction from its first byte: the preface comes first. */
    static FrameReader afterPreface(Sink sink) {
        return new FrameReader(sink, State.PREFACE);
    }

    /** A reader whose next byte starts a frame (the server's direction from its first byte). */
    static FrameReader atFrame(Sink sink) {
        return new FrameReader(sink, State.HEADER);
    }

    /** A reader whose boundaries are unknown: it resynchronises first. */
    static FrameReader unsynchronised(Sink sink) {
        return new FrameReader(sink, State.RESYNC);
    }

    /** Bytes skipped: not a preface, or before the frame where resynchronisation found its footing. */
    long skippedBytes() {
        return skipped;
    }

    /** How many times the reader found frames again after bytes whose boundaries were unknown. */
    long resyncs() {
        return resyncs;
    }

    /** Whether the reader is looking for frame boundaries. */
    boolean synchronising() {
        return state == State.RESYNC;
    }

    /** Feeds {@code b[off, off + len)}, captured at {@code nowNs}. */
    void feed(byte[] b, int off, int len, long nowNs) {
        int p = off;
        int end = off + len;
        while (p < end) {
            p = switch (state) {
                case PREFACE -> preface(b, p, end);
                case HEADER -> header(b, p, end, nowNs);
                case PAYLOAD -> payload(b, p, end);
                case RESYNC -> resync(b, p, end, nowNs);
            };
        }
    }

    /** {@code length} bytes of the stream were lost: what was partial is dropped, boundaries are looked for again. */
    void gap(long length) {
        skipped += headerFill + payloadFill + length;
        headerFill = 0;
        payloadFill = 0;
        heldFill = 0;
        state = State.RESYNC;
    }

    private int preface(byte[] b, int p, int end) {
        int n = Math.min(end - p, Frames.PREFACE.length - prefaceSeen);
        if (!Arrays.equals(b, p, p + n, Frames.PREFACE, prefaceSeen, prefaceSeen + n)) {
            skipped += prefaceSeen;
            state = State.RESYNC; // not the preface after all: find frames where they are
            return p;
        }
        prefaceSeen += n;
        if (prefaceSeen == Frames.PREFACE.length) {
            state = State.HEADER;
        }
        return p + n;
    }

    private int header(byte[] b, int p, int end, long nowNs) {
        if (headerFill == 0) {
            frameStartNs = nowNs;
        }
        int n = Math.min(end - p, Frames.HEADER_LENGTH - headerFill);
        System.arraycopy(b, p, header, headerFill, n);
        headerFill += n;
        if (headerFill == Frames.HEADER_LENGTH) {
            payloadLength = Frames.length(header, 0);
            payloadFill = 0;
            if (payload.length < payloadLength) {
                payload = new byte[payloadLength];
            }
            state = State.PAYLOAD;
            if (payloadLength == 0) {
                deliver();
            }
        }
        return p + n;
    }

    private int payload(byte[] b, int p, int end) {
        int n = Math.min(end - p, payloadLength - payloadFill);
        System.arraycopy(b, p, payload, payloadFill, n);
        payloadFill += n;
        if (payloadFill == payloadLength) {
            deliver();
        }
        return p + n;
    }

    private void deliver() {
        headerFill = 0;
        state = State.HEADER;
        sink.frame(header[3] & 0xff, header[4] & 0xff, Frames.uint31(header, 5), payload, 0, payloadLength, frameStartNs);
    }

    private int resync(byte[] b, int p, int end, long nowNs) {
        if (held == null) {
            held = new byte[RESYNC_WINDOW];
        }
        int n = Math.min(end - p, held.length - heldFill);
        System.arraycopy(b, p, held, heldFill, n);
        heldFill += n;
        int found = FrameChain.find(held, 0, heldFill);
        if (found < 0) {
            int keep = Math.max(-1 - found, heldFill == held.length ? 1 : 0);
            skipped += keep;
            System.arraycopy(held, keep, held, 0, heldFill - keep);
            heldFill -= keep;
            return p + n;
        }
        skipped += found;
        resyncs++;
        byte[] rest = Arrays.copyOfRange(held, found, heldFill);
        heldFill = 0;
        held = null; // rarely needed again: not kept per connection
        state = State.HEADER;
        feed(rest, 0, rest.length, nowNs);
        return p + n;
    }
}
