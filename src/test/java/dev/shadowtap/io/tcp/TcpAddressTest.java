package dev.shadowtap.io.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Addresses as Go's net package takes them. */
class TcpAddressTest {
    @Test
    void goForms() {
        assertThat(TcpAddress.parse(":28020")).isEqualTo(new TcpAddress("", 28020));
        assertThat(TcpAddress.parse(":28020").bindAddress().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(TcpAddress.parse("replay.local:28020")).isEqualTo(new TcpAddress("replay.local", 28020));
        assertThat(TcpAddress.parse("[::1]:28020")).isEqualTo(new TcpAddress("::1", 28020));
        assertThat(TcpAddress.parse("[::1]:28020")).hasToString("[::1]:28020");
        assertThat(TcpAddress.parse("127.0.0.1:0").port()).isZero();
    }

    @Test
    void badFormsSayWhatIsWrong() {
        assertThatThrownBy(() -> TcpAddress.parse("replay.local")).hasMessageContaining("missing port");
        assertThatThrownBy(() -> TcpAddress.parse("::1:80")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> TcpAddress.parse("host:http")).hasMessageContaining("'http' is not a number");
        assertThatThrownBy(() -> TcpAddress.parse("host:70000")).hasMessageContaining("between 0 and 65535");
    }
}
