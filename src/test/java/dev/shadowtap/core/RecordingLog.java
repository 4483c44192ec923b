package dev.shadowtap.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps what it was told, warnings and infos apart, for tests that read it. */
public final class RecordingLog implements Log {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();

    @Override
    public void warn(String line) {
        warnings.add(line);
    }

    @Override
    public void info(String line) {
        infos.add(line);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> infos() {
        return List.copyOf(infos);
    }
}
