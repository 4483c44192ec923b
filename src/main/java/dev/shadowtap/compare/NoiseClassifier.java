package dev.shadowtap.compare;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides whether a difference is noise, and why: a {@code --compare-ignore} rule; a volatile header
 * or the same volatile shape on both sides ({@link VolatileShapes}); or a field learned to be noisy for
 * its endpoint, because it differed between two original responses to identical requests
 * ({@link NoiseReason#LEARNED}) or between the reference and the second old instance
 * ({@link NoiseReason#SECONDARY}). What is learned later applies to earlier pairs too when the
 * summary is made. Bounded: {@link #MAX_ENDPOINTS} endpoints, {@link #MAX_FIELDS} learned fields each.
 * Thread-safe.
 */
public final class NoiseClassifier implements LearnedNoise {
    public static final int MAX_ENDPOINTS = 1000;
    public static final int MAX_FIELDS = 256;

    private final List<IgnoreRule> rules;
    private final LongSupplier nowSeconds;
    private final Map<String, Map<String, NoiseReason>> learned = new HashMap<>();

    public NoiseClassifier(List<IgnoreRule> rules, LongSupplier nowSeconds) {
        this.rules = List.copyOf(rules);
        this.nowSeconds = nowSeconds;
    }

    public NoiseClassifier(List<IgnoreRule> rules) {
        this(rules, () -> System.currentTimeMillis() / 1000);
    }

    /** Why {@code difference}, found on {@code endpoint}, is noise; null when it is a real difference. */
    public NoiseReason classify(String endpoint, Difference difference) {
        String path = difference.path();
        for (IgnoreRule rule : rules) {
            if (rule.matches(path)) {
                return NoiseReason.RULE;
            }
        }
        if (isVolatile(difference)) {
            return NoiseReason.VOLATILE;
        }
        return learned(endpoint, difference.field());
    }

    public ClassifiedDifference classified(String endpoint, Difference difference) {
        return new ClassifiedDifference(difference, classify(endpoint, difference));
    }

    private boolean isVolatile(Difference d) {
        String path = d.path();
        if (path.startsWith("header:") && VolatileShapes.isVolatileHeader(path.substring(7))) {
            return true;
        }
        return switch (d.kind()) {
            case CHANGED -> VolatileShapes.bothVolatile(d.reference(), d.candidate(), nowSeconds.getAsLong());
            // only when what differs is volatile-shaped on both sides; a value cut short hides what differs
            case LINE -> !Difference.isCut(d.reference()) && !Difference.isCut(d.candidate())
                    && VolatileShapes.equalWhenMasked(d.reference(), d.candidate());
            default -> false;
        };
    }

    /** Fields of the differences become noise for {@code endpoint}, for {@code reason} (LEARNED or SECONDARY). */
    public synchronized void learn(String endpoint, NoiseReason reason, Collection<Difference> differences) {
        for (Difference d : differences) {
            if (isVolatile(d)) {
                continue; // already noise by shape; learning it would only hide a rule's reason
            }
            Map<String, NoiseReason> fields = learned.get(endpoint);
            if (fields == null) {
                if (learned.size() >= MAX_ENDPOINTS) {
                    return;
                }
                fields = new LinkedHashMap<>();
                learned.put(endpoint, fields);
            }
            if (fields.size() < MAX_FIELDS || fields.containsKey(d.field())) {
                fields.putIfAbsent(d.field(), reason);
            }
        }
    }

    /** The reason a field was learned to be noise on an endpoint, or null. */
    @Override
    public synchronized NoiseReason learned(String endpoint, String field) {
        Map<String, NoiseReason> fields = learned.get(endpoint);
        return fields == null ? null : fields.get(field);
    }

    /** A copy of what was learned by now. */
    @Override
    public synchronized Map<String, Map<String, NoiseReason>> all() {
        return LearnedNoise.of(learned).all();
    }
}
