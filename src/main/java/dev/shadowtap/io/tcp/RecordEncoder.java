package dev.shadowtap.io.tcp;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A message as one array in .gor form (header line, payload, separator: what GoReplay's
 * {@code output_tcp.go} writes in three writes), so that a connection writes a record in one write.
 * Not thread-safe: one per writer.
 */
final class RecordEncoder {
    private final ArrayTarget target = new ArrayTarget();
    private final GorWriter writer = GorWriter.file(target);

    byte[] encode(Message message) {
        byte[] record = new byte[writer.sizeOf(message)];
        target.into(record);
        try {
            writer.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an array does not fail
        }
        return record;
    }

    /** Writes into the array it is given, which {@link GorWriter#sizeOf} sized exactly. */
    private static final class ArrayTarget extends OutputStream {
        private byte[] array;
        private int at;

        void into(byte[] target) {
            array = target;
            at = 0;
        }

        @Override
        public void write(int b) {
            array[at++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, array, at, len);
            at += len;
        }
    }
}
