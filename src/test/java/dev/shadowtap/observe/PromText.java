package dev.shadowtap.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strict reader of the Prometheus text format (0.0.4) and OpenMetrics 1.0 text, for tests: every line
 * is a HELP, TYPE (or UNIT) comment or a sample of a declared family with well-formed labels and value;
 * histogram buckets are cumulative and end in {@code +Inf} equal to {@code _count}. Anything else fails.
 */
public final class PromText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: (-?\\d+(?:\\.\\d+)?))?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** Family name to type. */
    public final Map<String, String> types = new LinkedHashMap<>();
    /** Each sample: its name and labels, and its value. */
    public final List<Sample> samples = new ArrayList<>();

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PromText() {
    }

    public static PromText parse(String text, boolean openMetrics) {
        PromText out = new PromText();
        String[] lines = text.split("\n", -1);
        assertThat(lines[lines.length - 1]).as("the text ends with a line feed").isEmpty();
        int end = lines.length - 1;
        if (openMetrics) {
            assertThat(lines[end - 1]).as("OpenMetrics ends with # EOF").isEqualTo("# EOF");
            end--;
        }
        for (int i = 0; i < end; i++) {
            String line = lines[i];
            if (line.startsWith("# HELP ") || line.startsWith("# UNIT ")) {
                assertThat(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches()).as(line).isTrue();
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                assertThat(parts).as(line).hasSize(2);
                assertThat(parts[1]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped", "unknown",
                        "info", "stateset", "gaugehistogram");
                assertThat(out.types.put(parts[0], parts[1])).as("declared once: " + line).isNull();
            } else {
                out.samples.add(sample(line, out.types, openMetrics));
            }
        }
        out.checkHistograms();
        return out;
    }

    private static Sample sample(String line, Map<String, String> types, boolean openMetrics) {
        Matcher m = SAMPLE.matcher(line);
        assertThat(m.matches()).as("a sample line: " + line).isTrue();
        String name = m.group(1);
        Map<String, String> labels = new TreeMap<>();
        if (m.group(2) != null && !m.group(2).isEmpty()) {
            Matcher l = LABEL.matcher(m.group(2));
            int at = 0;
            while (l.find() && l.start() == at) {
                assertThat(labels.put(l.group(1), l.group(2))).as("label once: " + line).isNull();
                at = l.end();
                if (at < m.group(2).length()) {
                    assertThat(m.group(2).charAt(at)).as(line).isEqualTo(',');
                    at++;
                }
            }
            assertThat(at).as("labels well formed: " + line).isEqualTo(m.group(2).length());
        }
        String family = family(name, types, openMetrics);
        assertThat(family).as("a sample of a declared family: " + line).isNotNull();
        return new Sample(name, labels, value(m.group(3)));
    }

    private static String family(String name, Map<String, String> types, boolean openMetrics) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[]{"_total", "_created", "_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base) && (openMetrics || !suffix.equals("_total"))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private void checkHistograms() {
        Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
        for (Sample s : samples) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> series = new TreeMap<>(s.labels());
                series.remove("le");
                series.put("__name__", s.name().substring(0, s.name().length() - 7));
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            }
        }
        buckets.forEach((series, list) -> {
            double le = Double.NEGATIVE_INFINITY;
            double count = -1;
            for (Sample b : list) {
                double bound = value(b.labels().get("le"));
                assertThat(bound).as("buckets in order: " + series).isGreaterThan(le);
                assertThat(b.value()).as("cumulative: " + series).isGreaterThanOrEqualTo(count);
                le = bound;
                count = b.value();
            }
            assertThat(le).as("ends in +Inf: " + series).isEqualTo(Double.POSITIVE_INFINITY);
            Map<String, String> plain = new TreeMap<>(series);
            String name = plain.remove("__name__");
            assertThat(value(name + "_count", plain)).as("+Inf is the count: " + series).isEqualTo(count);
        });
    }

    /** The value of the sample with this name and exactly these labels; fails when there is none. */
    public double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + samples)).value();
    }

    public double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return value(name, labels);
    }
}
