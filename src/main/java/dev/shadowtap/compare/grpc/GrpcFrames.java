package dev.shadowtap.compare.grpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The messages of a gRPC body: each behind a 5-byte prefix, a compressed flag (0 or 1) and a big-endian
 * 4-byte length. A compressed message is decoded by the {@code grpc-encoding} of its side ({@code gzip};
 * {@code deflate}, zlib-wrapped as gRPC means it). A message split across DATA frames is already whole in
 * a record's body. Never throws on bad bytes: a body that is not whole frames, a flag other than 0 and 1,
 * a compressed message without a known encoding, corrupt compressed data or a message above the limit
 * make the body "not gRPC" (null), and it is then compared as bytes.
 */
public final class GrpcFrames {
    public static final int PREFIX = 5;

    private GrpcFrames() {
    }

    /** The messages of {@code body} in order, decompressed; null when it is not whole gRPC frames. */
    public static List<byte[]> split(byte[] body, String encoding, int maxMessage) {
        List<byte[]> messages = new ArrayList<>();
        int pos = 0;
        while (pos < body.length) {
            if (body.length - pos < PREFIX) {
                return null;
            }
            int flag = body[pos] & 0xff;
            long length = ((body[pos + 1] & 0xffL) << 24) | ((body[pos + 2] & 0xff) << 16) | ((body[pos + 3] & 0xff) << 8)
                    | (body[pos + 4] & 0xff);
            pos += PREFIX;
            if (flag > 1 || length > body.length - pos) {
                return null;
            }
            byte[] message = java.util.Arrays.copyOfRange(body, pos, pos + (int) length);
            pos += (int) length;
            if (flag == 1) {
                message = decompress(message, encoding, maxMessage);
                if (message == null) {
                    return null;
                }
            }
            if (message.length > maxMessage) {
                return null;
            }
            messages.add(message);
        }
        return messages;
    }

    private static byte[] decompress(byte[] data, String encoding, int max) {
        String coding = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        try (InputStream in = switch (coding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(data));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(data));
            default -> null;
        }) {
            if (in == null) {
                return null; // the flag says compressed, and no encoding says how
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null;
        }
    }
}
