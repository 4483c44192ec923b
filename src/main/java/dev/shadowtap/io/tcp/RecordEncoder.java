package dev.shadowtap.io.tcp;

import dev.shadowtap.gor.GorFormat;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;

import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A message in .gor form (header line, payload, separator: what GoReplay's {@code output_tcp.go}
 * writes in three writes), as an {@link Encoded} that a connection writes whole. The payload is not
 * copied: a message's payload is immutable. Not thread-safe: one per writer.
 */
final class RecordEncoder {
    private final GorWriter writer = GorWriter.file(OutputStream.nullOutputStream());

    Encoded encode(Message message) {
        return new Encoded(writer.headerLine(message), message.payload());
    }

    /** A record's header line (with its newline) and payload; the separator is implied. */
    record Encoded(byte[] header, byte[] payload) {
        private static final ByteBuffer SEPARATOR = ByteBuffer.wrap(GorFormat.SEPARATOR).asReadOnlyBuffer();

        int length() {
            return header.length + payload.length + GorFormat.SEPARATOR.length;
        }

        /** The record's bytes in one array. */
        byte[] bytes() {
            byte[] all = new byte[length()];
            System.arraycopy(header, 0, all, 0, header.length);
            System.arraycopy(payload, 0, all, header.length, payload.length);
            System.arraycopy(GorFormat.SEPARATOR, 0, all, header.length + payload.length, GorFormat.SEPARATOR.length);
            return all;
        }

        /** Puts the record's three buffers into {@code into} from {@code at}. */
        void buffers(ByteBuffer[] into, int at) {
            into[at] = ByteBuffer.wrap(header);
            into[at + 1] = ByteBuffer.wrap(payload);
            into[at + 2] = SEPARATOR.duplicate();
        }
    }
}
