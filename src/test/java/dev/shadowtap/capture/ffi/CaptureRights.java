package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/** Skips a test, with the reason, when this process cannot open packet sockets or libpcap is absent. */
public final class CaptureRights {
    private static final int CAP_NET_RAW = 13;

    private CaptureRights() {
    }

    public static void assumeCanCapture() {
        Assumptions.assumeTrue(hasNetRaw(), "live capture needs root or CAP_NET_RAW (CI runs as root)");
    }

    public static void assumeLibpcap() {
        Assumptions.assumeTrue(Libpcap.available(), "libpcap is not installed: apt-get install libpcap0.8");
    }

    static boolean hasNetRaw() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16).testBit(CAP_NET_RAW);
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
