package dev.shadowtap.capture;

import dev.shadowtap.packet.LinkType;
import dev.shadowtap.core.Log;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A sink that copies every frame it gets, and the lines an engine logged, for assertions. */
final class CollectedFrames implements FrameSink {
    record Frame(byte[] bytes, int originalLength, long timestampNs, LinkType link) {
    }

    final List<Frame> frames = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Log log = new Log() {
        @Override
        public void warn(String line) {
            warnings.add(line);
        }

        @Override
        public void info(String line) {
        }
    };

    @Override
    public void frame(byte[] buf, int off, int len, int originalLength, long timestampNs, LinkType link) {
        frames.add(new Frame(Arrays.copyOfRange(buf, off, off + len), originalLength, timestampNs, link));
    }

    /** Opens {@code file} with a small buffer (to exercise refills), reads it all, returns the engine. */
    PcapFileEngine read(byte[] file, int bufferSize) throws IOException {
        PcapFileEngine engine = PcapFileEngine.open(new ByteArrayInputStream(file), "test.pcap", log, bufferSize);
        engine.run(this);
        return engine;
    }

    PcapFileEngine read(byte[] file) throws IOException {
        return read(file, 64);
    }
}
