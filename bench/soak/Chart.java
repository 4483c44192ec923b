import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws bench/soak/run's CSV as one SVG: three panels over time (RSS in MB; captured and replayed requests/s;
 * replay p50 and p99 in ms), the churn phase shaded.   java bench/soak/Chart.java soak.csv soak.svg
 */
public class Chart {
    static final int W = 900, PANEL = 180, LEFT = 70, TOP = 30, GAP = 40;

    public static void main(String[] args) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0])).subList(1, Files.readAllLines(Path.of(args[0])).size())) {
            rows.add(line.split(","));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(args[0] + ": no samples");
        }
        double tMax = Double.parseDouble(rows.getLast()[0]);
        StringBuilder s = new StringBuilder();
        int h = TOP + 3 * (PANEL + GAP);
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", W, h));
        s.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\">shadowtap soak: capture with responses + live replay, then connection churn (shaded)</text>\n");
        panel(s, rows, tMax, 0, "RSS (MB)", new int[]{2}, new String[]{"RSS"}, new String[]{"#6a1b9a"});
        panel(s, rows, tMax, 1, "requests/s", new int[]{3, 4}, new String[]{"captured", "replayed"}, new String[]{"#1565c0", "#ef6c00"});
        panel(s, rows, tMax, 2, "replay latency (ms)", new int[]{6, 7}, new String[]{"p50", "p99"}, new String[]{"#2e7d32", "#c62828"});
        s.append("</svg>\n");
        Files.writeString(Path.of(args[1]), s);
    }

    static void panel(StringBuilder s, List<String[]> rows, double tMax, int index, String title, int[] cols,
                      String[] names, String[] colors) {
        int y0 = TOP + index * (PANEL + GAP) + 10, w = W - LEFT - 20;
        double max = 0;
        for (String[] r : rows) {
            for (int c : cols) {
                max = Math.max(max, Double.parseDouble(r[c]));
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        double churnStart = -1;
        for (String[] r : rows) {
            if (!r[1].equals("steady")) {
                churnStart = Double.parseDouble(r[0]);
                break;
            }
        }
        if (churnStart >= 0) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>\n",
                    LEFT + w * churnStart / tMax, y0, w * (1 - churnStart / tMax), PANEL));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                LEFT, y0, w, PANEL));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT, y0 - 4, title));
        for (int k = 0; k <= 4; k++) {
            double v = max * k / 4;
            int y = y0 + PANEL - PANEL * k / 4;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LEFT - 4, y + 4,
                    v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v)));
        }
        for (int k = 0; k <= 5; k++) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f min</text>\n",
                    LEFT + w * k / 5.0, y0 + PANEL + 14, tMax * k / 5 / 60));
        }
        for (int i = 0; i < cols.length; i++) {
            StringBuilder pts = new StringBuilder();
            for (String[] r : rows) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + w * Double.parseDouble(r[0]) / tMax,
                        y0 + PANEL - PANEL * Double.parseDouble(r[cols[i]]) / max));
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(colors[i]).append("\" stroke-width=\"1.5\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", W - 140 + 0, y0 + 14 + 14 * i,
                    colors[i], names[i]));
        }
    }
}
