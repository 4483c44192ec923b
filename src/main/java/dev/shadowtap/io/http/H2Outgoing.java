package dev.shadowtap.io.http;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpHeadException;
import dev.shadowtap.http.HttpHeader;
import dev.shadowtap.http.HttpLines;
import dev.shadowtap.http2.HeaderField;
import dev.shadowtap.pipeline.Message;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * An HTTP/2 request record (docs/HTTP2.md) made ready for the target: the method and path of its start
 * line, {@code :authority} from its {@code Host} line (the target's unless {@code --http-original-host}),
 * the other fields in recorded order less what the capture added ({@code framing=}: the
 * {@code Transfer-Encoding} or {@code Content-Length} it wrote for HTTP/1 readers) and placeholders, the
 * body de-chunked, and the trailers of its trailer section.
 *
 * @param request  the HEADERS frame's metadata (content length -1 unless the client sent one)
 * @param body     the DATA bytes
 * @param trailers the trailing HEADERS frame's fields, or null when the client sent none
 */
record H2Outgoing(MetaData.Request request, byte[] body, HttpFields trailers) {

    /** Whether a record is HTTP/2: its {@code h2} token, or a request line that says {@code HTTP/2.0}. */
    static boolean isH2(Message m) {
        String extra = m.extra();
        if (extra.equals("h2") || extra.startsWith("h2 ")) {
            return true;
        }
        byte[] p = m.payload();
        int lf = HttpLines.indexOfLf(p, 0, Math.min(p.length, 8192));
        int end = lf < 0 ? -1 : HttpLines.contentEnd(p, 0, lf);
        return end >= 9 && p[end - 9] == ' ' && new String(p, end - 8, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("HTTP/2.0");
    }

    /** The request to send, or null when the record has no request line or no end to its head. */
    static H2Outgoing of(Message m, ReplayTarget target, boolean originalHost) {
        byte[] p = m.payload();
        HttpHead head;
        try {
            head = HttpHead.parse(p);
        } catch (HttpHeadException e) {
            return null;
        }
        if (!head.request()) {
            return null;
        }
        Tokens tokens = Tokens.of(m.extra());
        boolean authorityLine = tokens.pseudo == null || tokens.pseudo.contains("authority");
        String authority = null;
        boolean chunked = false;
        long contentLength = -1;
        HttpFields.Mutable fields = HttpFields.build();
        for (HttpHeader h : head.headers()) {
            String name = h.name();
            if (authority == null && authorityLine && name.equalsIgnoreCase("Host")) {
                authority = h.value();
                continue;
            }
            if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked |= h.value().toLowerCase(java.util.Locale.ROOT).contains("chunked");
                if ("chunked".equals(tokens.framing)) {
                    continue;
                }
            } else if (name.equalsIgnoreCase("Content-Length")) {
                if ("length".equals(tokens.framing)) {
                    continue;
                }
                contentLength = parseLength(h.value());
            } else if (name.equals(HeaderField.UNKNOWN_NAME) && tokens.unknown) {
                continue;
            } else if (name.equalsIgnoreCase("Host") && !originalHost) {
                fields.add(new HttpField(name, target.hostHeader()));
                continue;
            }
            fields.add(new HttpField(name, h.value()));
        }
        byte[] body;
        HttpFields.Mutable trailers = null;
        int from = head.length();
        if (chunked) {
            trailers = HttpFields.build();
            body = dechunk(p, from, trailers);
            if (body == null) {
                return null;
            }
            if (trailers.size() == 0 && !"chunked".equals(tokens.framing)) {
                trailers = null;
            }
        } else {
            long declared = parseLength(head.header("Content-Length").orElse(""));
            int to = declared >= 0 && declared < p.length - from ? from + (int) declared : p.length;
            body = Arrays.copyOfRange(p, from, to);
        }
        if (trailers != null && trailers.size() == 0) {
            trailers = null;
        }
        String sent = originalHost && authority != null ? authority : target.hostHeader();
        try {
            HttpURI uri = HttpURI.build().scheme(target.tls() ? "https" : "http").authority(sent).pathQuery(head.target());
            return new H2Outgoing(new MetaData.Request(head.method(), uri, HttpVersion.HTTP_2, fields, contentLength),
                    body, trailers);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parseLength(String v) {
        try {
            return v.isBlank() ? -1 : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The chunks' data, with the trailer section's fields added to {@code trailers}; null when the framing is broken. */
    private static byte[] dechunk(byte[] p, int pos, HttpFields.Mutable trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, p.length - pos));
        while (true) {
            int lf = HttpLines.indexOfLf(p, pos, p.length);
            if (lf < 0) {
                return null;
            }
            String size = new String(p, pos, HttpLines.contentEnd(p, pos, lf) - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
            int semi = size.indexOf(';');
            size = (semi >= 0 ? size.substring(0, semi) : size).strip();
            long n;
            try {
                n = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            pos = lf + 1;
            if (n == 0) {
                break;
            }
            if (n < 0 || n > p.length - pos) {
                return null;
            }
            out.write(p, pos, (int) n);
            pos += (int) n;
            int end = HttpLines.indexOfLf(p, pos, p.length);
            if (end < 0 || end - pos > 1) {
                return null;
            }
            pos = end + 1;
        }
        while (pos < p.length) {
            int lf = HttpLines.indexOfLf(p, pos, p.length);
            int end = lf < 0 ? p.length : HttpLines.contentEnd(p, pos, lf);
            if (end == pos) {
                break;
            }
            String line = new String(p, pos, end - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            trailers.add(new HttpField(line.substring(0, colon), line.substring(colon + 1).strip()));
            pos = lf < 0 ? p.length : lf + 1;
        }
        return out.toByteArray();
    }

    /** The header line's HTTP/2 tokens this needs: {@code pseudo=}, {@code framing=}, {@code unknown=}. */
    private record Tokens(String pseudo, String framing, boolean unknown) {
        static Tokens of(String extra) {
            String pseudo = null;
            String framing = null;
            boolean unknown = false;
            for (String t : extra.split(" ")) {
                if (t.startsWith("pseudo=")) {
                    pseudo = t.substring(7);
                } else if (t.startsWith("framing=")) {
                    framing = t.substring(8);
                } else if (t.startsWith("unknown=")) {
                    unknown = true;
                }
            }
            return new Tokens(pseudo, framing, unknown);
        }
    }
}
