package dev.shadowtap.compare;

/** Escaping for the XML and HTML reports: everything a user or a server wrote is escaped. */
final class Markup {
    private Markup() {
    }

    /** Text safe in XML/HTML content and in double-quoted attributes; control characters become U+FFFD. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < ' ' && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** A count with thousands separators: 8,164. */
    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** "a 3, b 7": reasons sorted by name with their counts. */
    static String reasons(java.util.Map<dev.shadowtap.core.Reason, Long> counts) {
        return counts.entrySet().stream().sorted(java.util.Comparator.comparing(e -> e.getKey().label()))
                .map(e -> e.getKey().label() + " " + count(e.getValue())).collect(java.util.stream.Collectors.joining(", "));
    }

    static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
