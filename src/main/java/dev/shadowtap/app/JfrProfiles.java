package dev.shadowtap.app;

import dev.shadowtap.cli.ProfileOptions;
import dev.shadowtap.core.Log;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --cpuprofile FILE} and {@code --memprofile FILE}: GoReplay's pprof files become JFR recordings of
 * the whole run, started before the pipeline and written to their files when the run ends. On a signal the
 * JVM's shutdown may stop them first: JFR's own shutdown then writes each to its destination.
 */
final class JfrProfiles implements AutoCloseable {
    private final List<Recording> recordings;
    private final Log log;
    private boolean closed;

    private JfrProfiles(List<Recording> recordings, Log log) {
        this.recordings = recordings;
        this.log = log;
    }

    /** Starts the recordings asked for; a file that cannot be written is one line naming the flag and file. */
    static JfrProfiles start(ProfileOptions options, Log log) throws IOException {
        List<Recording> started = new ArrayList<>();
        try {
            if (options.cpu().isPresent()) {
                started.add(begin("--cpuprofile", options.cpu().get(), settings("profile")));
            }
            if (options.memory().isPresent()) {
                started.add(begin("--memprofile", options.memory().get(), memorySettings()));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(Recording::close);
            throw e;
        }
        return new JfrProfiles(started, log);
    }

    private static Recording begin(String flag, Path file, Map<String, String> settings) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(flag + " " + file + ": no such directory " + parent);
        }
        Recording recording = new Recording(settings);
        recording.setName("shadowtap " + flag);
        recording.setToDisk(true);
        try {
            recording.setDestination(file);
        } catch (IOException e) {
            recording.close();
            throw new IOException(flag + " " + file + ": cannot be written (" + e.getMessage() + ")", e);
        }
        recording.start();
        return recording;
    }

    /**
     * The JDK's "profile" settings with allocation sampling raised, leak candidates with their stacks and
     * a heap histogram at start and end: the JFR view of what Go's heap profile shows.
     */
    private static Map<String, String> memorySettings() {
        Map<String, String> settings = new HashMap<>(settings("profile"));
        settings.put("jdk.ObjectAllocationSample#enabled", "true");
        settings.put("jdk.ObjectAllocationSample#throttle", "1000/s");
        settings.put("jdk.OldObjectSample#enabled", "true");
        settings.put("jdk.OldObjectSample#stackTrace", "true");
        settings.put("jdk.OldObjectSample#cutoff", "0 ns");
        settings.put("jdk.ObjectCount#enabled", "true");
        settings.put("jdk.ObjectCount#period", "everyChunk");
        settings.put("jdk.GCHeapSummary#enabled", "true");
        return settings;
    }

    private static Map<String, String> settings(String name) {
        try {
            return Configuration.getConfiguration(name).getSettings();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the JDK's JFR configuration '" + name + "' cannot be read", e);
        }
    }

    /** Stops each recording, which writes it to its file; a failure is one line, never an exception. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Recording recording : recordings) {
            String flag = recording.getName().substring("shadowtap ".length());
            try {
                recording.stop();
                log.info(flag + ": JFR recording written to " + recording.getDestination());
            } catch (IllegalStateException stoppedByShutdown) {
                // JFR's shutdown (a signal) stopped it and writes it; closing it now would cut that short
                log.info(flag + ": JFR recording written to " + recording.getDestination() + " by the JVM's shutdown");
                continue;
            } catch (RuntimeException e) {
                log.warn(flag + ": the recording could not be written to " + recording.getDestination() + ": " + e.getMessage());
            }
            recording.close();
        }
    }
}
