package dev.shadowtap.app;

import dev.shadowtap.cli.TcpOptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the TCP flags map onto the input's and output's configs. */
class TcpWiringTest {
    private static final TcpOptions.ClientFiles NO_FILES = new TcpOptions.ClientFiles(Optional.empty(),
            Optional.empty(), Optional.empty());

    @Test
    void recognizedSessionsGoStickyBySessionSoTheirOrderHolds() {
        TcpOptions.OutputSide roundRobin = new TcpOptions.OutputSide(false, false, false, 4, false, NO_FILES);
        assertThat(TcpWiring.output("127.0.0.1:28020", roundRobin, false).sticky()).isFalse();
        assertThat(TcpWiring.output("127.0.0.1:28020", roundRobin, true).sticky()).isTrue();
        assertThat(TcpWiring.output("127.0.0.1:28020", roundRobin, true).bySession()).isTrue();
    }

    @Test
    void aCertificateWithoutSecureIsAUsageErrorNotAPlaintextListener() {
        TcpOptions.InputSide certificateOnly = new TcpOptions.InputSide(false, Optional.of("r.crt"), Optional.of("r.key"),
                Optional.empty());
        assertThatThrownBy(() -> TcpWiring.input(":28020", certificateOnly, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--input-tcp-certificate and --input-tcp-certificate-key need --input-tcp-secure"
                        + " (without it the receiver would listen in plaintext)");
    }
}
