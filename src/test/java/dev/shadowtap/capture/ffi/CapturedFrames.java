package dev.shadowtap.capture.ffi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps copies of captured frames and answers questions about them (TCP ports, payload text). */
public final class CapturedFrames implements RawFrameHandler {
    /** One frame as the handler saw it. */
    public record Frame(byte[] bytes, int originalLength, long timestampNs, int linkType) {
        /** TCP source and destination port of an Ethernet + IPv4 + TCP frame, or -1s. */
        public int[] tcpPorts() {
            int ip = 14;
            if (linkType != LinkTypes.ETHERNET || bytes.length < ip + 20
                    || (bytes[12] & 0xFF) != 0x08 || bytes[13] != 0x00 || bytes[ip + 9] != 6) {
                return new int[] {-1, -1};
            }
            int tcp = ip + (bytes[ip] & 0x0F) * 4;
            if (bytes.length < tcp + 4) {
                return new int[] {-1, -1};
            }
            return new int[] {((bytes[tcp] & 0xFF) << 8) | (bytes[tcp + 1] & 0xFF),
                    ((bytes[tcp + 2] & 0xFF) << 8) | (bytes[tcp + 3] & 0xFF)};
        }

        public boolean touchesPort(int port) {
            int[] ports = tcpPorts();
            return ports[0] == port || ports[1] == port;
        }

        public boolean contains(String text) {
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    private final List<Frame> frames = new CopyOnWriteArrayList<>();

    @Override
    public void frame(byte[] buf, int off, int len, int originalLength, long timestampNs, int linkType) {
        frames.add(new Frame(Arrays.copyOfRange(buf, off, off + len), originalLength, timestampNs, linkType));
    }

    public List<Frame> all() {
        return new ArrayList<>(frames);
    }

    public List<Frame> onPort(int port) {
        return frames.stream().filter(f -> f.touchesPort(port)).toList();
    }

    public boolean sawText(String text) {
        return frames.stream().anyMatch(f -> f.contains(text));
    }

    /** Waits up to {@code millis} for a frame containing {@code text}. */
    public boolean awaitText(String text, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (sawText(text)) {
                return true;
            }
            Thread.sleep(10);
        }
        return sawText(text);
    }
}
