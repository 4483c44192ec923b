package dev.shadowtap.gor;

import dev.shadowtap.pipeline.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes messages in .gor form, byte-compatible with GoReplay: the header line, the payload byte for
 * byte, the separator. The stream is the caller's: it buffers, compresses and closes it.
 */
public final class GorWriter {
    private final OutputStream out;
    private final byte[] terminator;

    private GorWriter(OutputStream out, byte[] terminator) {
        this.out = out;
        this.terminator = terminator;
    }

    /** Records ended by the separator, as in .gor files. */
    public static GorWriter file(OutputStream out) {
        return new GorWriter(out, GorFormat.SEPARATOR);
    }

    /** Records ended by a plain newline, as GoReplay's --output-stdout writes them. */
    public static GorWriter stdout(OutputStream out) {
        return new GorWriter(out, new byte[] {'\n'});
    }

    /** Writes one record and returns how many bytes it took. */
    public int write(Message message) throws IOException {
        byte[] header = (message.header() + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(header);
        out.write(message.payload());
        out.write(terminator);
        return header.length + message.payload().length + terminator.length;
    }

    /** The size {@link #write} would report, without writing. */
    public int sizeOf(Message message) {
        return message.header().length() + 1 + message.payload().length + terminator.length;
    }
}
