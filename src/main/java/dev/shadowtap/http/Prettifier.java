package dev.shadowtap.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * {@code --prettify-http}: makes one raw HTTP/1.x request or response readable. A chunked body is
 * de-chunked (trailer fields, if any, are appended to the headers, after the original ones); a body
 * with {@code Content-Encoding: gzip}, {@code x-gzip} or {@code deflate} is decompressed. The headers
 * are fixed up: {@code Transfer-Encoding} and the decoded {@code Content-Encoding} removed, and
 * {@code Content-Length} set to the new body length. Header lines are rewritten with CRLF ends.
 *
 * <p>Never throws on bad bytes: a message that is not HTTP, whose encodings are not ones it knows
 * (several codings, {@code br}), or whose body is corrupt or truncated comes back unchanged, and the
 * {@link Result#outcome()} says why. Self-contained on purpose: it shares no code with the framer.
 */
public final class Prettifier {
    /** What {@link #apply} did. */
    public enum Outcome {
        /** Body de-chunked and/or decompressed. */
        PRETTIFIED,
        /** HTTP, but nothing to do (plain body, or encodings it does not decode). */
        UNCHANGED,
        /** No HTTP start line and header block: returned unchanged. */
        NOT_HTTP,
        /** Chunked framing or compressed data is broken, truncated or too large: returned unchanged. */
        CORRUPT
    }

    /**
     * The message to use, and how it was obtained. {@code message} is the input itself unless PRETTIFIED;
     * {@code trailers} are the trailer fields of a chunked body (also appended to the message's headers).
     */
    public record Result(byte[] message, Outcome outcome, List<HttpHeader> trailers) {
        public Result {
            trailers = List.copyOf(trailers);
        }

        public Result(byte[] message, Outcome outcome) {
            this(message, outcome, List.of());
        }
    }

    /** Decoded bodies larger than this are treated as corrupt (a decompression bomb guard). */
    public static final int DEFAULT_MAX_BODY = 64 * 1024 * 1024;

    private static final Pattern REQUEST_LINE =
            Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ [^ ]+ HTTP/\\d\\.\\d");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d \\d{3}( .*)?");
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final int maxBody;

    public Prettifier(int maxBody) {
        this.maxBody = maxBody;
    }

    public Prettifier() {
        this(DEFAULT_MAX_BODY);
    }

    /** The prettified message, or the input itself when it could not or need not be changed. */
    public byte[] prettify(byte[] httpMessage) {
        return apply(httpMessage).message();
    }

    public Result apply(byte[] message) {
        try {
            return applyUnguarded(message);
        } catch (RuntimeException e) {
            return new Result(message, Outcome.CORRUPT); // a bug here must never lose the message
        }
    }

    /** {@link #apply} without its safety net, so property tests see any exception a bug would throw. */
    Result applyUnguarded(byte[] message) {
        int headEnd = headEnd(message);
        if (headEnd < 0) {
            return new Result(message, Outcome.NOT_HTTP);
        }
        List<String> lines = lines(message, headEnd);
        if (lines.isEmpty() || !(REQUEST_LINE.matcher(lines.getFirst()).matches()
                || STATUS_LINE.matcher(lines.getFirst()).matches())) {
            return new Result(message, Outcome.NOT_HTTP);
        }
        List<String[]> fields = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] field = field(line);
            if (field == null) {
                return new Result(message, Outcome.NOT_HTTP);
            }
            fields.add(field);
        }
        List<String> transfer = tokens(fields, "transfer-encoding");
        List<String> content = tokens(fields, "content-encoding");
        boolean chunked = transfer.equals(List.of("chunked"));
        boolean compressed = content.size() == 1 && List.of("gzip", "x-gzip", "deflate").contains(content.getFirst());
        if (!transfer.isEmpty() && !chunked) {
            return new Result(message, Outcome.UNCHANGED);
        }
        int bodyStart = bodyStart(message, headEnd);
        byte[] body;
        List<String[]> trailers = List.of();
        if (chunked) {
            Dechunked dechunked = dechunk(message, bodyStart);
            if (dechunked == null) {
                return new Result(message, Outcome.CORRUPT);
            }
            body = dechunked.body();
            trailers = dechunked.trailers();
        } else {
            body = plainBody(message, bodyStart, fields);
        }
        boolean decode = compressed && body.length > 0;
        if (!chunked && !decode) {
            return new Result(message, Outcome.UNCHANGED);
        }
        if (decode) {
            body = content.getFirst().equals("deflate") ? inflate(body) : gunzip(body);
            if (body == null) {
                return new Result(message, Outcome.CORRUPT);
            }
        }
        List<HttpHeader> trailerFields = new ArrayList<>();
        trailers.forEach(t -> trailerFields.add(new HttpHeader(t[0], t[1])));
        return new Result(rebuild(lines.getFirst(), fields, trailers, body, decode), Outcome.PRETTIFIED, trailerFields);
    }

    private byte[] rebuild(String startLine, List<String[]> fields, List<String[]> trailers, byte[] body,
                           boolean decoded) {
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        for (String[] field : fields) {
            String name = field[0].toLowerCase(Locale.ROOT);
            if (name.equals("transfer-encoding") || name.equals("content-length")
                    || (decoded && name.equals("content-encoding"))) {
                continue;
            }
            head.append(field[0]).append(": ").append(field[1]).append("\r\n");
        }
        for (String[] trailer : trailers) {
            String name = trailer[0].toLowerCase(Locale.ROOT);
            if (!name.equals("transfer-encoding") && !name.equals("content-length")
                    && !name.equals("content-encoding")) {
                head.append(trailer[0]).append(": ").append(trailer[1]).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    /** Index of the empty line ending the head (its first byte), or -1. */
    private static int headEnd(byte[] m) {
        int bodyStart = HttpLines.emptyLineEnd(m, HttpLines.indexOfLf(m, 0, m.length), m.length);
        return bodyStart < 0 ? -1 : bodyStart - (m[bodyStart - 2] == '\r' ? 2 : 1);
    }

    private static int bodyStart(byte[] m, int headEnd) {
        return m[headEnd] == '\r' ? headEnd + 2 : headEnd + 1;
    }

    private static List<String> lines(byte[] m, int end) {
        String head = new String(m, 0, end, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    /** {name, value} of a header line, or null when it is not one. */
    private static String[] field(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
            return null;
        }
        return new String[] {line.substring(0, colon), line.substring(colon + 1).strip()};
    }

    private static List<String> tokens(List<String[]> fields, String name) {
        List<String> tokens = new ArrayList<>();
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                for (String token : field[1].split(",")) {
                    String t = token.strip().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty() && !t.equals("identity")) {
                        tokens.add(t);
                    }
                }
            }
        }
        return tokens;
    }

    private static byte[] plainBody(byte[] m, int start, List<String[]> fields) {
        int available = m.length - start;
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase("content-length")) {
                try {
                    long length = Long.parseLong(field[1]);
                    if (length >= 0 && length < available) {
                        available = (int) length;
                    }
                } catch (NumberFormatException e) {
                    // keep everything after the head
                }
            }
        }
        byte[] body = new byte[available];
        System.arraycopy(m, start, body, 0, available);
        return body;
    }

    private record Dechunked(byte[] body, List<String[]> trailers) {
    }

    /** The chunks' data and trailer fields, or null when the framing is broken or truncated. */
    private Dechunked dechunk(byte[] m, int pos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int eol = lineEnd(m, pos);
            if (eol < 0) {
                return null;
            }
            String sizeText = new String(m, pos, eol - pos, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            sizeText = (semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).strip();
            if (sizeText.isEmpty() || sizeText.length() > 8 || !sizeText.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            long size = Long.parseLong(sizeText, 16);
            pos = afterLine(m, eol);
            if (size == 0) {
                return trailers(m, pos, body.toByteArray());
            }
            if (size > m.length - pos || body.size() + size > maxBody) {
                return null;
            }
            body.write(m, pos, (int) size);
            pos += (int) size;
            if (pos < m.length && m[pos] == '\r' && pos + 1 < m.length && m[pos + 1] == '\n') {
                pos += 2;
            } else if (pos < m.length && m[pos] == '\n') {
                pos += 1;
            } else {
                return null;
            }
        }
    }

    private static Dechunked trailers(byte[] m, int pos, byte[] body) {
        List<String[]> trailers = new ArrayList<>();
        while (pos < m.length) {
            int eol = lineEnd(m, pos);
            if (eol < 0) {
                return null;
            }
            String line = new String(m, pos, eol - pos, StandardCharsets.ISO_8859_1);
            if (line.isEmpty()) {
                break;
            }
            String[] field = field(line);
            if (field == null) {
                return null;
            }
            trailers.add(field);
            pos = afterLine(m, eol);
        }
        return new Dechunked(body, trailers);
    }

    /** Index of the CR of a CRLF, or of a bare LF, ending the line at {@code pos}; -1 when none. */
    private static int lineEnd(byte[] m, int pos) {
        int lf = HttpLines.indexOfLf(m, pos, m.length);
        return lf < 0 ? -1 : HttpLines.contentEnd(m, pos, lf);
    }

    private static int afterLine(byte[] m, int eol) {
        return m[eol] == '\r' ? eol + 2 : eol + 1;
    }

    private byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return readCapped(in);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] inflate(byte[] body) {
        byte[] zlib = inflate(body, false);
        return zlib != null ? zlib : inflate(body, true);
    }

    /** zlib-wrapped ({@code nowrap} false, what RFC 9110 means) or raw deflate, as servers send both. */
    private byte[] inflate(byte[] body, boolean nowrap) {
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null; // truncated
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBody) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > maxBody) {
                throw new IOException("decoded body above " + maxBody + " bytes");
            }
        }
        return out.toByteArray();
    }
}
