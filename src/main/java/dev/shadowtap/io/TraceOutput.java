package dev.shadowtap.io;

import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;

import java.nio.charset.StandardCharsets;

/**
 * {@code --verbose 2}: one line per message that goes through the pipeline, its .gor header, size and
 * first line, so a user can see what is captured or replayed without dumping payloads.
 */
public final class TraceOutput implements Output {
    private static final int MAX_FIRST_LINE = 120;

    private final Log log;

    public TraceOutput(Log log) {
        this.log = log;
    }

    @Override
    public void write(Message message) {
        log.info("message " + message.header() + " (" + message.payload().length + " bytes) "
                + firstLine(message.payload()));
    }

    static String firstLine(byte[] payload) {
        int end = 0;
        while (end < payload.length && end < MAX_FIRST_LINE && payload[end] != '\r' && payload[end] != '\n') {
            end++;
        }
        StringBuilder line = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            int b = payload[i] & 0xff;
            line.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return line.toString();
    }
}
