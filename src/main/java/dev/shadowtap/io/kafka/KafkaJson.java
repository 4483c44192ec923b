package dev.shadowtap.io.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowtap.pipeline.Message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * GoReplay's JSON form of a request ({@code KafkaMessage}): {@code Req_URL}, {@code Req_Type},
 * {@code Req_ID}, {@code Req_Ts}, {@code Req_Method}, {@code Req_Body} and {@code Req_Headers} (names in
 * Go's canonical case, repeated headers joined with ", ", sorted as Go marshals a map), written in
 * GoReplay's field order; and its {@code Dump}, which rebuilds a record from one: the header line, the
 * request line with HTTP/1.1, the headers, an empty line, the body. What this loses: header order,
 * case and repeats, the HTTP version, and body bytes that are not UTF-8 (as Go's encoder, they become
 * U+FFFD).
 */
final class KafkaJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KafkaJson() {
    }

    /** The JSON of a request record. */
    static byte[] encode(Message request) {
        byte[] p = request.payload();
        int lineEnd = indexOf(p, (byte) '\n', 0, p.length);
        int headEnd = headEnd(p);
        int firstSpace = indexOf(p, (byte) ' ', 0, lineEnd < 0 ? p.length : lineEnd);
        int lineStop = lineEnd < 0 ? p.length : (lineEnd > 0 && p[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd);
        String method = firstSpace < 0 ? "" : latin1(p, 0, firstSpace);
        int secondSpace = firstSpace < 0 ? -1 : indexOf(p, (byte) ' ', firstSpace + 1, lineStop);
        String url = firstSpace < 0 ? "" : latin1(p, firstSpace + 1, secondSpace < 0 ? lineStop : secondSpace);
        Map<String, String> headers = lineEnd < 0 ? Map.of() : headers(p, lineEnd + 1, headEnd < 0 ? p.length : headEnd);
        int bodyStart = headEnd < 0 ? p.length : bodyStart(p, headEnd);
        String body = new String(p, bodyStart, p.length - bodyStart, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(p.length + 128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("Req_URL", url);
            g.writeStringField("Req_Type", String.valueOf(request.type().code()));
            g.writeStringField("Req_ID", request.id());
            g.writeStringField("Req_Ts", Long.toString(request.timestampNs()));
            g.writeStringField("Req_Method", method);
            if (!body.isEmpty()) {
                g.writeStringField("Req_Body", body);
            }
            if (!headers.isEmpty()) {
                g.writeObjectFieldStart("Req_Headers");
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    g.writeStringField(h.getKey(), h.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails
        }
        return out.toByteArray();
    }

    /** GoReplay's {@code Dump}: the record (header line, newline, request) the JSON describes. */
    static byte[] dump(byte[] json) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        StringBuilder head = new StringBuilder();
        head.append(text(node, "Req_Type")).append(' ').append(text(node, "Req_ID")).append(' ')
                .append(text(node, "Req_Ts")).append('\n');
        head.append(text(node, "Req_Method")).append(' ').append(text(node, "Req_URL")).append(" HTTP/1.1\r\n");
        JsonNode headers = node.get("Req_Headers");
        if (headers != null && headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                head.append(h.getKey()).append(": ").append(h.getValue().asText()).append("\r\n");
            }
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = text(node, "Req_Body").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[start.length + body.length];
        System.arraycopy(start, 0, out, 0, start.length);
        System.arraycopy(body, 0, out, start.length, body.length);
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** Go's textproto: names canonical, values trimmed, repeats joined with ", " (GoReplay's join). */
    private static Map<String, String> headers(byte[] p, int from, int to) {
        Map<String, String> out = new TreeMap<>();
        int i = from;
        while (i < to) {
            int nl = indexOf(p, (byte) '\n', i, to);
            int end = nl < 0 ? to : nl;
            int stop = end > i && p[end - 1] == '\r' ? end - 1 : end;
            int colon = indexOf(p, (byte) ':', i, stop);
            if (colon > i) {
                String name = canonical(latin1(p, i, colon).strip());
                String value = latin1(p, colon + 1, stop).strip();
                out.merge(name, value, (a, b) -> a + ", " + b);
            }
            i = nl < 0 ? to : nl + 1;
        }
        return out;
    }

    /** Go's {@code CanonicalMIMEHeaderKey}: a name with a character Go does not take stays as it is. */
    static String canonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!token) {
                return name;
            }
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    /** Where the empty line after the head starts (the CR or LF ending the last header), or -1. */
    private static int headEnd(byte[] p) {
        for (int i = 0; i + 1 < p.length; i++) {
            if (p[i] == '\n' && (p[i + 1] == '\n' || p[i + 1] == '\r' && i + 2 < p.length && p[i + 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int bodyStart(byte[] p, int emptyLine) {
        return p[emptyLine] == '\r' ? emptyLine + 2 : emptyLine + 1;
    }

    private static int indexOf(byte[] p, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (p[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] p, int from, int to) {
        return new String(p, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
