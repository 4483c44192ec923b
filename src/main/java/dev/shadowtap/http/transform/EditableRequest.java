package dev.shadowtap.http.transform;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.HttpHeader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request parsed once and shared by every filter and rewrite: the rules read the current method,
 * target and header values and record edits; {@link #toBytes()} then writes the original bytes with
 * only the edited spans replaced (header order, case, duplicates, line ends and the body untouched).
 * Edits never touch the body, so Content-Length stays right by construction.
 * Text is ISO-8859-1: every byte is one char, so nothing is lost either way.
 */
final class EditableRequest {
    private final byte[] original;
    private final HttpHead head;
    private String target;
    private boolean targetChanged;
    private String[] newValues;
    private final List<HttpHeader> added = new ArrayList<>(0);
    private HeadLayout layout;

    EditableRequest(byte[] original, HttpHead head) {
        this.original = original;
        this.head = head;
        this.target = head.target();
    }

    String method() {
        return head.method();
    }

    /** The request target as it will be written: path and query, or an absolute URL for proxy requests. */
    String target() {
        return target;
    }

    void target(String newTarget) {
        if (!newTarget.equals(target)) {
            target = newTarget;
            targetChanged = true;
        }
    }

    /** The current value of the first header called {@code name} (any case), or null. */
    String header(String name) {
        for (HttpHeader h : added) {
            if (h.named(name)) {
                return h.value();
            }
        }
        List<HttpHeader> headers = head.headers();
        for (int i = 0; i < headers.size(); i++) {
            HttpHeader h = headers.get(i);
            if (h.named(name)) {
                return newValues != null && newValues[i] != null ? newValues[i] : h.value();
            }
        }
        return null;
    }

    /**
     * Sets the value of the first header called {@code name} in place, or, when there is none, adds
     * {@code name: value} right after the request line (where GoReplay adds it), after earlier additions.
     * Returns false when the head's byte layout cannot be located (nothing changed).
     */
    boolean setHeader(String name, String value) {
        for (int i = 0; i < added.size(); i++) {
            if (added.get(i).named(name)) {
                added.set(i, new HttpHeader(added.get(i).name(), value));
                return true;
            }
        }
        if (layout() == null) {
            return false;
        }
        List<HttpHeader> headers = head.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).named(name)) {
                if (newValues == null) {
                    newValues = new String[headers.size()];
                }
                newValues[i] = value;
                return true;
            }
        }
        added.add(new HttpHeader(name, value));
        return true;
    }

    private HeadLayout layout() {
        if (layout == null) {
            layout = HeadLayout.of(original, head);
        }
        return layout;
    }

    boolean changed() {
        return targetChanged || newValues != null || !added.isEmpty();
    }

    /** The request with the edits applied: the original array itself when nothing changed. */
    byte[] toBytes() {
        if (!changed()) {
            return original;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 64);
        int targetStart = head.method().length() + 1;
        int targetEnd = targetStart + head.target().length();
        int pos;
        if (targetChanged) {
            out.write(original, 0, targetStart);
            latin1(out, target);
            pos = targetEnd;
        } else {
            pos = 0;
        }
        if (!added.isEmpty()) {
            HeadLayout l = layout();
            int afterStartLine = l.startLineLf + 1;
            out.write(original, pos, afterStartLine - pos);
            for (HttpHeader h : added) {
                latin1(out, h.name());
                latin1(out, ": ");
                latin1(out, h.value());
                latin1(out, l.lineEnd);
            }
            pos = afterStartLine;
        }
        if (newValues != null) {
            HeadLayout l = layout();
            for (int i = 0; i < newValues.length; i++) {
                if (newValues[i] != null) {
                    out.write(original, pos, l.valueStart[i] - pos);
                    if (l.valueStart[i] == l.valueEnd[i] && original[l.valueStart[i] - 1] == ':') {
                        out.write(' ');
                    }
                    latin1(out, newValues[i]);
                    pos = l.valueEnd[i];
                }
            }
        }
        out.write(original, pos, original.length - pos);
        return out.toByteArray();
    }

    private static void latin1(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
