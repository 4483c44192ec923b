package dev.shadowtap.io.raw;

import dev.shadowtap.core.Connection;
import dev.shadowtap.core.SessionKey;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Captured request ids are laid out as GoReplay 1.3's: the connection in the first 16 hex digits, then a counter. */
class RequestIdsTest {
    private static Connection connection(String client, int clientPort, int serverPort) {
        return new Connection(new InetSocketAddress(client, clientPort), new InetSocketAddress("10.0.0.2", serverPort), 1);
    }

    @Test
    void theFirstSixteenDigitsNameTheConnectionAsGoReplay13Does() {
        RequestIds ids = new RequestIds();
        String a1 = ids.next(connection("10.1.2.3", 0xbeef, 80));
        String a2 = ids.next(connection("10.1.2.3", 0xbeef, 80));
        String b1 = ids.next(connection("10.1.2.3", 0xbef0, 80));

        assertThat(a1).hasSize(24).matches("[0-9a-f]{24}").startsWith("beef" + "0050" + "0a010203");
        assertThat(a2).startsWith(a1.substring(0, 16)).isNotEqualTo(a1);
        assertThat(Long.parseLong(a2.substring(16), 16) - Long.parseLong(a1.substring(16), 16)).isEqualTo(1);
        assertThat(b1.substring(0, 16)).isNotEqualTo(a1.substring(0, 16));
        assertThat(SessionKey.of(a1)).isEqualTo(SessionKey.of(a2)).isNotEqualTo(SessionKey.of(b1));
    }

    @Test
    void idsAreUniqueAndAnIpv6ClientIsFolded() {
        RequestIds ids = new RequestIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next(connection("10.1.2.3", 40_000 + i % 7, 8080)))).isTrue();
        }
        String v6 = ids.next(connection("2001:db8::1", 5000, 443));
        assertThat(v6).startsWith(String.format("%04x%04x%08x", 5000, 443, 0x20010db8 ^ 1));
        assertThat(SessionKey.carriesConnection(v6)).isTrue();
    }

    @Test
    void twoInputsStartTheirCountersApart() {
        Connection c = connection("10.1.2.3", 1234, 80);
        assertThat(new RequestIds().next(c)).isNotEqualTo(new RequestIds().next(c));
    }
}
