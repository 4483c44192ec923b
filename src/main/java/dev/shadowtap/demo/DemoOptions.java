package dev.shadowtap.demo;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code shadowtap demo}.
 *
 * @param dir          where the files go; empty: a new directory under the system temp directory
 * @param requests     how many requests the traffic mix sends
 * @param liveCapture  try a live capture first ({@code --no-capture} turns it off: client-side recording)
 * @param help         print the usage and do nothing else
 */
public record DemoOptions(Optional<Path> dir, int requests, boolean liveCapture, boolean help) {
    public static final int DEFAULT_REQUESTS = 500;
    public static final int MAX_REQUESTS = 100_000;

    public static final String USAGE = """
            Usage: shadowtap demo [--dir DIR] [--requests N] [--no-capture]

            Starts two versions of a small JSON shop service on loopback (v2 with a deliberate
            regression), sends a realistic mix of requests to v1 and captures them with their
            responses (live as root; otherwise recorded from the client side), replays the capture
            to v2 and tells where the comparison report is.

              --dir DIR      where demo.gor, replayed.gor and report/ go (default: a new temp directory);
                             an existing demo.gor or replayed.gor there is replaced
              --requests N   how many requests to send (default 500, at most 100000)
              --no-capture   record from the client side even when a live capture is possible
              --help         this text""";

    /** Parses the arguments after {@code demo}; a bad one is an IllegalArgumentException with a one-line message. */
    public static DemoOptions parse(List<String> args) {
        Optional<Path> dir = Optional.empty();
        int requests = DEFAULT_REQUESTS;
        boolean live = true;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--dir", "-dir" -> {
                    String value = inline != null ? inline : value(args, ++i, name);
                    dir = Optional.of(path(value));
                }
                case "--requests", "-requests" -> requests = count(inline != null ? inline : value(args, ++i, name));
                case "--no-capture", "-no-capture" -> live = flag(inline, name);
                case "--help", "-help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg
                        + "' (options: --dir DIR, --requests N, --no-capture, --help)");
            }
        }
        return new DemoOptions(dir, requests, live, help);
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i);
    }

    private static boolean flag(String inline, String name) {
        if (inline != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
        return false;
    }

    private static Path path(String value) {
        try {
            if (value.isBlank()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--dir '" + value + "' is not a directory name");
        }
    }

    private static int count(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_REQUESTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line error
        }
        throw new IllegalArgumentException("--requests needs a number from 1 to " + MAX_REQUESTS + ", not '" + value + "'");
    }
}
