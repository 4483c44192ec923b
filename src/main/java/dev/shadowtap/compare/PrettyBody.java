package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A body as the lines of the side-by-side view, each with the path it shows so the differing ones can
 * be highlighted: JSON indented, each line with its JSON path as {@link JsonDiff} names it
 * ({@code $.items[0].price}; an object's or array's opening and closing lines carry its own path);
 * other text as it is, line N as {@code body:line:N}; anything else (and a binary protocol's reply,
 * status 0) as hex rows of 16 bytes, the row of
 * the first byte that differs from the other side's as {@link #BYTES}.
 */
final class PrettyBody {
    /** The path of the hex row holding the first byte that differs. */
    static final String BYTES = "body:bytes";
    /** Hex shown of a binary body, around its first difference. */
    static final int HEX_SHOWN = 4096;
    private static final int ROW = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line and the path it shows. */
    record Line(String text, String path) {
    }

    /** The lines, and a note on how the body is shown (empty when there is nothing to say). */
    record Shown(List<Line> lines, String note) {
    }

    private PrettyBody() {
    }

    /**
     * @param side    the body to show
     * @param type    its Content-Type, or "" when it has none
     * @param other   the other side's body: where a binary body's difference starts
     */
    static Shown of(ExamplePair.Side side, String type, byte[] other) {
        byte[] body = side.bytes();
        String cut = side.cut() ? "the first " + Markup.count(body.length) + " of " + Markup.count(side.length())
                + " bytes" : "";
        if (body.length == 0) {
            return new Shown(List.of(), "empty body");
        }
        JsonNode json = side.cut() ? null : json(body, type);
        if (json != null) {
            List<Line> lines = new ArrayList<>();
            value(json, "$", "", "", lines);
            return new Shown(lines, "JSON, indented");
        }
        // a binary protocol's reply (no status) is bytes even when they read as text: its difference is a byte offset
        String text = side.status() == 0 ? null : text(body, side.cut());
        if (text != null) {
            List<Line> lines = new ArrayList<>();
            String[] split = text.split("\r?\n", -1);
            for (int i = 0; i < split.length; i++) {
                lines.add(new Line(split[i], "body:line:" + (i + 1)));
            }
            return new Shown(lines, cut.isEmpty() ? "" : "text: " + cut);
        }
        return hex(body, other, side.length(), cut);
    }

    /** The body as text; a cut one without the part of a character the cut left at its end. */
    private static String text(byte[] body, boolean cut) {
        String text = ResponseDiff.text(body);
        for (int drop = 1; text == null && cut && drop <= 3 && drop < body.length; drop++) {
            text = ResponseDiff.text(java.util.Arrays.copyOf(body, body.length - drop));
        }
        return text;
    }

    private static JsonNode json(byte[] body, String type) {
        int first = 0;
        while (first < body.length && body[first] <= ' ') {
            first++;
        }
        boolean looksJson = first < body.length && (body[first] == '{' || body[first] == '[');
        if (!looksJson && !type.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** One value, its first line prefixed by its key ({@code "price": }), its last followed by a comma when due. */
    private static void value(JsonNode node, String path, String indent, String key, List<Line> lines) {
        boolean object = node.isObject();
        if ((object || node.isArray()) && !node.isEmpty()) {
            lines.add(new Line(indent + key + (object ? "{" : "["), path));
            int i = 0;
            if (object) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    value(e.getValue(), JsonDiff.child(path, e.getKey()), indent + "  ",
                            new TextNode(e.getKey()) + ": ", lines);
                    comma(lines, it.hasNext());
                }
            } else {
                for (JsonNode element : node) {
                    value(element, path + "[" + i + "]", indent + "  ", "", lines);
                    comma(lines, ++i < node.size());
                }
            }
            lines.add(new Line(indent + (object ? "}" : "]"), path));
        } else {
            lines.add(new Line(indent + key + node, path));
        }
    }

    private static void comma(List<Line> lines, boolean more) {
        if (more) {
            Line last = lines.getLast();
            lines.set(lines.size() - 1, new Line(last.text() + ",", last.path()));
        }
    }

    /** {@link #HEX_SHOWN} bytes as hex rows, from a little before the first byte that differs. */
    private static Shown hex(byte[] body, byte[] other, long length, String cut) {
        int mismatch = java.util.Arrays.mismatch(body, other);
        int at = mismatch < 0 ? -1 : Math.min(mismatch, body.length - 1);
        int from = at < 0 ? 0 : Math.max(0, Math.min(at / ROW * ROW - HEX_SHOWN / 4, body.length - HEX_SHOWN));
        from = Math.max(0, from / ROW * ROW);
        int to = Math.min(body.length, from + HEX_SHOWN);
        List<Line> lines = new ArrayList<>();
        for (int row = from; row < to; row += ROW) {
            StringBuilder line = new StringBuilder(80).append(String.format(Locale.ROOT, "%08x ", row));
            StringBuilder ascii = new StringBuilder(ROW);
            for (int i = row; i < row + ROW; i++) {
                if (i < to) {
                    int b = body[i] & 0xff;
                    line.append(String.format(Locale.ROOT, " %02x", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    line.append("   ");
                }
            }
            boolean differs = at >= row && at < row + ROW;
            lines.add(new Line(line.append("  |").append(ascii).append('|').toString(), differs ? BYTES : "body:hex"));
        }
        String note = "binary, " + Markup.count(length) + " bytes" + (cut.isEmpty() ? "" : " (" + cut + " kept)")
                + (from > 0 || to < body.length ? "; bytes " + Markup.count(from) + " to " + Markup.count(to)
                + " shown as hex" : "; shown as hex");
        return new Shown(lines, note);
    }
}
