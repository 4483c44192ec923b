package dev.shadowtap.gor;

import dev.shadowtap.http.HttpLines;
import dev.shadowtap.pipeline.Message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record as header line, newline and payload, with no separator after it: the unit GoReplay's
 * middleware protocol hex-encodes on each line. The header is parsed by the same {@link HeaderLine}
 * the file reader uses.
 */
public final class GorRecord {
    private GorRecord() {
    }

    /** What {@link #parse} made of a record: a message, or why there is none. */
    public sealed interface Parsed {
    }

    /** A well-formed record. */
    public record Valid(Message message) implements Parsed {
    }

    /** A record whose header line is missing or malformed: a one-line problem. */
    public record Invalid(String problem) implements Parsed {
    }

    /** {@code header\npayload}: the header as a .gor file writes it. */
    public static byte[] bytes(Message message) {
        byte[] header = message.header().getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = message.payload();
        byte[] out = Arrays.copyOf(header, header.length + 1 + payload.length);
        out[header.length] = '\n';
        System.arraycopy(payload, 0, out, header.length + 1, payload.length);
        return out;
    }

    /**
     * The record of a header line held in header[0, length) (no newline) and a payload already taken
     * out of it: for a reader that decodes the payload straight into its own array.
     */
    public static Parsed parse(byte[] header, int length, byte[] payload) {
        if (length == 0) {
            return new Invalid("empty header line");
        }
        return switch (HeaderLine.parse(header, 0, length)) {
            case HeaderLine.Valid v -> new Valid(new Message(v.type(), v.id(), v.timestampNs(), v.latencyNs(), payload)
                    .withExtra(v.extra()));
            case HeaderLine.Problem p -> new Invalid(p.problem());
        };
    }

    /** Parses {@code header\npayload} held in record[0, length); the payload is copied out. */
    public static Parsed parse(byte[] record, int length) {
        int nl = HttpLines.indexOfLf(record, 0, length);
        if (nl < 0) {
            return new Invalid("no header line");
        }
        if (nl == 0) {
            return new Invalid("empty header line");
        }
        return switch (HeaderLine.parse(record, 0, nl)) {
            case HeaderLine.Valid v -> new Valid(new Message(v.type(), v.id(), v.timestampNs(), v.latencyNs(),
                    Arrays.copyOfRange(record, nl + 1, length)).withExtra(v.extra()));
            case HeaderLine.Problem p -> new Invalid(p.problem());
        };
    }
}
