package dev.shadowtap.cli;

import java.util.List;

/**
 * Renders {@code --help}: usage, examples, then every flag under its section heading. The text follows
 * GoReplay's sections and marks the flags that are not supported yet.
 */
public final class HelpText {
    private static final int NAME_COLUMN = 46;

    private HelpText() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: shadowtap [flags]\n");
        out.append("       shadowtap demo [--dir DIR] [--requests N]   (the whole mission on loopback in seconds)\n");
        out.append("       shadowtap compare-merge OUT DIR...          (one report and verdict from the --compare-report DIRs")
                .append(" of several replayers)\n\n");
        out.append("shadowtap captures HTTP traffic, saves it to GoReplay .gor files, replays it and compares\n");
        out.append("the responses. It takes GoReplay's flags: --flag value, --flag=value, -flag value or\n");
        out.append("-flag=value; booleans as --flag, --flag=false or --flag false; numbers also as 0x1f,\n");
        out.append("0o17 or 1_000 (Go's forms). Flags marked (not supported yet) are refused until that\n");
        out.append("feature is built. An address may end in |N (N a second) or |N%.\n\n");
        out.append("Examples:\n");
        for (List<String> example : List.of(
                List.of("# record port 80 into hourly files", "shadowtap --input-raw :80 --output-file 'requests-%Y%m%d%H.gor'"),
                List.of("# replay a recording twice as fast to staging", "shadowtap --input-file 'requests.gor|200%' --output-http http://staging.local"),
                List.of("# print a recording with bodies decoded", "shadowtap --input-file requests.gor --output-stdout --prettify-http"),
                List.of("# forward live traffic, at most 100 requests a second", "shadowtap --input-raw :8080 --output-http 'http://staging.local|100'"),
                List.of("# replay to a new version and compare its answers with the recorded ones",
                        "shadowtap --input-file requests.gor --output-http http://new.local --output-http-track-response --compare-report cmp/"))) {
            out.append("  ").append(example.get(0)).append("\n  ").append(example.get(1)).append('\n');
        }
        for (Section section : Section.values()) {
            out.append('\n').append(section.heading()).append(":\n");
            for (Flag flag : Flag.values()) {
                if (flag.section() == section) {
                    out.append(line(flag)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String line(Flag flag) {
        String name = "  " + flag.display() + (flag.valueLabel().isEmpty() ? "" : " " + flag.valueLabel());
        StringBuilder line = new StringBuilder(name);
        line.append(" ".repeat(Math.max(1, NAME_COLUMN - name.length()))).append(flag.help());
        flag.defaultValue().filter(d -> !d.equals("0")).ifPresent(d -> line.append(" (default ").append(d).append(')'));
        if (!Support.isSupported(flag) && Support.refusal(flag).isEmpty()) {
            line.append(" (not supported yet)");
        }
        return line.toString();
    }
}
