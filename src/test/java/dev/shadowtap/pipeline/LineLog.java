package dev.shadowtap.pipeline;

import dev.shadowtap.core.Log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps its lines, warnings prefixed with "warn: ". */
final class LineLog implements Log {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void warn(String line) {
        lines.add("warn: " + line);
    }

    @Override
    public void info(String line) {
        lines.add(line);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
