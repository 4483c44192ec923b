package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real child JVM without CAP_NET_RAW (setpriv drops it) must get one line, not a stack trace. */
class NoCaptureRightTest {
    @ParameterizedTest
    @ValueSource(strings = {"af_packet", "libpcap"})
    void withoutCapNetRawTheUserGetsOneLine(String engine) throws Exception {
        CaptureRights.assumeCanCapture(); // only root can drop the capability for the child
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        if (engine.equals("libpcap")) {
            CaptureRights.assumeLibpcap();
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of("/usr/bin/setpriv", "--inh-caps=-net_raw", "--ambient-caps=-net_raw",
                "--bounding-set=-net_raw", "--", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), NoCaptureRightProbe.class.getName(), engine))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.exitValue()).as(output).isEqualTo(3);
        assertThat(output).doesNotContain("\n").doesNotContain("Exception");
        if (engine.equals("libpcap")) {
            assertThat(output).startsWith("capturing needs root or CAP_NET_RAW (pcap_activate: ");
        } else {
            assertThat(output).isEqualTo("capturing needs root or CAP_NET_RAW (socket(AF_PACKET): Operation not permitted)");
        }
    }
}
