package dev.shadowtap.compare.grpc;

import dev.shadowtap.compare.DiffKind;
import dev.shadowtap.compare.Difference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two protobuf messages read without a schema, field by field. A field is named by its path
 * of field numbers in the JSON path notation the rest of the comparison uses: {@code $.1.3.2}, with an
 * index when a field occurs more than once on either side ({@code $.1.3[0].2}). Field order does not
 * matter; a field left out on one side equals its zero or empty value on the other (proto3 omits
 * defaults). A repeated field holding the same values in another order is one {@code order} difference.
 */
public final class ProtoDiff {
    /** The most differences reported for one pair of messages, as for JSON. */
    public static final int MAX_DIFFERENCES = 100;

    private ProtoDiff() {
    }

    /** The differences between two messages whose fields are given, under {@code path}. */
    public static void diff(String path, List<ProtoField> a, List<ProtoField> b, List<Difference> out) {
        diff(path, a, b, out, 0);
    }

    private static void diff(String path, List<ProtoField> a, List<ProtoField> b, List<Difference> out, int depth) {
        Map<Integer, List<ProtoField>> left = byNumber(a);
        Map<Integer, List<ProtoField>> right = byNumber(b);
        TreeMap<Integer, Boolean> numbers = new TreeMap<>();
        left.keySet().forEach(n -> numbers.put(n, true));
        right.keySet().forEach(n -> numbers.put(n, true));
        for (int n : numbers.keySet()) {
            if (out.size() >= MAX_DIFFERENCES) {
                return;
            }
            field(path + "." + n, left.getOrDefault(n, List.of()), right.getOrDefault(n, List.of()), out, depth);
        }
    }

    private static void field(String path, List<ProtoField> a, List<ProtoField> b, List<Difference> out, int depth) {
        if (a.size() <= 1 && b.size() <= 1) {
            if (a.isEmpty()) {
                if (!b.getFirst().isDefault()) {
                    add(out, new Difference(path, DiffKind.EXTRA, "", ProtoValues.render(b.getFirst())));
                }
            } else if (b.isEmpty()) {
                if (!a.getFirst().isDefault()) {
                    add(out, new Difference(path, DiffKind.MISSING, ProtoValues.render(a.getFirst()), ""));
                }
            } else {
                value(path, a.getFirst(), b.getFirst(), out, depth);
            }
            return;
        }
        if (a.isEmpty() || b.isEmpty()) {
            add(out, new Difference(path, a.isEmpty() ? DiffKind.EXTRA : DiffKind.MISSING,
                    a.isEmpty() ? "" : ProtoValues.render(a), b.isEmpty() ? "" : ProtoValues.render(b)));
            return;
        }
        if (a.size() == b.size() && !sameInOrder(a, b) && sameElements(a, b)) {
            add(out, new Difference(path, DiffKind.ORDER, ProtoValues.render(a), ProtoValues.render(b)));
            return;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common && out.size() < MAX_DIFFERENCES; i++) {
            value(path + "[" + i + "]", a.get(i), b.get(i), out, depth);
        }
        if (a.size() != b.size()) {
            add(out, new Difference(path, DiffKind.LENGTH, String.valueOf(a.size()), String.valueOf(b.size())));
        }
    }

    /** Two values of one field: a changed wire type, a changed number, a changed string or a nested difference. */
    private static void value(String path, ProtoField a, ProtoField b, List<Difference> out, int depth) {
        if (a.sameValue(b)) {
            return;
        }
        if (a.wireType() != b.wireType()) {
            add(out, new Difference(path, DiffKind.TYPE, ProtoValues.render(a), ProtoValues.render(b)));
            return;
        }
        if (a.wireType() == ProtoField.LEN && depth < ProtoValues.MAX_DEPTH) {
            List<ProtoField> ma = ProtoValues.message(a.bytes());
            List<ProtoField> mb = ma == null ? null : ProtoValues.message(b.bytes());
            if (ma != null && mb != null) {
                Instant ta = ProtoValues.timestamp(ma);
                Instant tb = ProtoValues.timestamp(mb);
                if (ta != null && tb != null) {
                    if (!ta.equals(tb)) {
                        add(out, new Difference(path, DiffKind.CHANGED, "\"" + ta + "\"", "\"" + tb + "\""));
                    }
                } else {
                    diff(path, ma, mb, out, depth + 1);
                }
                return;
            }
        }
        add(out, new Difference(path, DiffKind.CHANGED, ProtoValues.render(a), ProtoValues.render(b)));
    }

    private static Map<Integer, List<ProtoField>> byNumber(List<ProtoField> fields) {
        Map<Integer, List<ProtoField>> out = new HashMap<>();
        for (ProtoField f : fields) {
            out.computeIfAbsent(f.number(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private static boolean sameInOrder(List<ProtoField> a, List<ProtoField> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameValue(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The same values, counted, in any order (fields of one number: equal values are equal fields). */
    private static boolean sameElements(List<ProtoField> a, List<ProtoField> b) {
        Map<ProtoField, Integer> counts = new HashMap<>();
        a.forEach(f -> counts.merge(f, 1, Integer::sum));
        for (ProtoField f : b) {
            Integer left = counts.get(f);
            if (left == null) {
                return false;
            }
            if (left == 1) {
                counts.remove(f);
            } else {
                counts.put(f, left - 1);
            }
        }
        return counts.isEmpty();
    }

    private static void add(List<Difference> out, Difference difference) {
        if (out.size() < MAX_DIFFERENCES) {
            out.add(difference);
        }
    }
}
