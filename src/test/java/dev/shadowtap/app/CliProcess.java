package dev.shadowtap.app;

import dev.shadowtap.Main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: a real shadowtap process (this JVM's java, the test class path) for end-to-end tests. */
final class CliProcess {
    private CliProcess() {
    }

    /** A process builder for {@code shadowtap ARGS...}; the caller sets redirections and starts it. */
    static ProcessBuilder of(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The message count of the input-file line of a {@code --stats} exit summary. */
    static int inputFileMessages(String stderr) {
        Matcher read = Pattern.compile("summary input-file \\S+: (\\d+) msgs").matcher(stderr);
        if (!read.find()) {
            throw new AssertionError("no input-file summary in:\n" + stderr);
        }
        return Integer.parseInt(read.group(1));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
