package dev.shadowtap.gor;

import dev.shadowtap.core.Log;

import java.util.ArrayList;
import java.util.List;

/** A log that keeps its lines so a test can read exactly what the reader said. */
final class RecordingLog implements Log {
    final List<String> warnings = new ArrayList<>();
    final List<String> infos = new ArrayList<>();

    @Override
    public void warn(String line) {
        warnings.add(line);
    }

    @Override
    public void info(String line) {
        infos.add(line);
    }
}
