package dev.shadowtap.http2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test bytes of HTTP/2: frames and HPACK blocks written by hand (literals, static and dynamic indices), as a sender would. */
public final class H2Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static H2Wire preface() {
        H2Wire w = new H2Wire();
        w.raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return w;
    }

    public static H2Wire frames() {
        return new H2Wire();
    }

    public H2Wire raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public H2Wire frame(int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
        return this;
    }

    public H2Wire settings(int... idValue) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        for (int i = 0; i < idValue.length; i += 2) {
            p.write(idValue[i] >>> 8);
            p.write(idValue[i]);
            for (int s = 24; s >= 0; s -= 8) {
                p.write(idValue[i + 1] >>> s);
            }
        }
        return frame(Frames.SETTINGS, 0, 0, p.toByteArray());
    }

    public H2Wire settingsAck() {
        return frame(Frames.SETTINGS, Frames.ACK, 0, new byte[0]);
    }

    public H2Wire headers(int stream, boolean endStream, byte[] block) {
        return frame(Frames.HEADERS, Frames.END_HEADERS | (endStream ? Frames.END_STREAM : 0), stream, block);
    }

    public H2Wire data(int stream, boolean endStream, String text) {
        return frame(Frames.DATA, endStream ? Frames.END_STREAM : 0, stream, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** An HPACK block. */
    public static final class Block {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Block indexed(int index) {
            integer(0x80, 7, index);
            return this;
        }

        /** A literal with incremental indexing, new name. */
        public Block add(String name, String value) {
            b.write(0x40);
            string(name);
            string(value);
            return this;
        }

        /** A literal with incremental indexing, indexed name. */
        public Block addIndexedName(int nameIndex, String value) {
            integer(0x40, 6, nameIndex);
            string(value);
            return this;
        }

        /** A literal without indexing, new name. */
        public Block literal(String name, String value) {
            b.write(0x00);
            string(name);
            string(value);
            return this;
        }

        public Block sizeUpdate(int size) {
            integer(0x20, 5, size);
            return this;
        }

        public byte[] bytes() {
            return b.toByteArray();
        }

        private void string(String s) {
            byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
            integer(0, 7, v.length);
            b.writeBytes(v);
        }

        private void integer(int mask, int prefix, int value) {
            int max = (1 << prefix) - 1;
            if (value < max) {
                b.write(mask | value);
                return;
            }
            b.write(mask | max);
            value -= max;
            while (value >= 128) {
                b.write((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            b.write(value);
        }
    }

    public static Block block() {
        return new Block();
    }
}
