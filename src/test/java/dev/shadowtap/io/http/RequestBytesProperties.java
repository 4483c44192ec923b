package dev.shadowtap.io.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import static dev.shadowtap.io.http.ReplayFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the head looks like, only Host values change (and Host/Authorization may be appended); the body never does. */
class RequestBytesProperties {
    private static final ReplayTarget TARGET = ReplayTarget.of(URI.create("http://10.0.0.7:8080"));

    record Request(List<String> headerLines, String lineEnd, byte[] body) {
        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(bytes("POST /p?q=1 HTTP/1.1" + lineEnd));
            headerLines.forEach(h -> out.writeBytes(bytes(h + lineEnd)));
            out.writeBytes(bytes("Content-Length: " + body.length + lineEnd + lineEnd));
            out.writeBytes(body);
            return out.toByteArray();
        }

        boolean hasHost() {
            return headerLines.stream().anyMatch(h -> h.toLowerCase().startsWith("host:"));
        }

        boolean hasAuth() {
            return headerLines.stream().anyMatch(h -> h.toLowerCase().startsWith("authorization:"));
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> names = Arbitraries.of("Host", "host", "HOST", "Accept", "X-Dup", "x-dup", "Cookie",
                "Authorization", "Hostname", "X-Host", "Expect", "Connection");
        Arbitrary<String> values = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20)
                .map(String::strip);
        Arbitrary<String> lines = Combinators.combine(names, values).as((n, v) -> n + ": " + v);
        return Combinators.combine(lines.list().ofMaxSize(8), Arbitraries.of("\r\n", "\n"),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as(Request::new);
    }

    @Property(tries = 300)
    void originalHostWithAHostLineAndNoCredentialsChangesNothing(@ForAll("requests") Request r) {
        byte[] in = r.wire();
        OutgoingRequest out = RequestBytes.forTarget(in, TARGET, true);
        if (r.hasHost()) {
            assertThat(out.bytes()).isEqualTo(in);
        } else {
            assertThat(ReplayFixtures.text(out.bytes())).contains("Host: 10.0.0.7:8080\r\n");
        }
        assertThat(out.method()).isEqualTo("POST");
    }

    @Property(tries = 300)
    void onlyHostValuesChangeAndTheBodyFollowsTheHead(@ForAll("requests") Request r) {
        byte[] in = r.wire();
        OutgoingRequest out = RequestBytes.forTarget(in, TARGET, false);
        String inHead = ReplayFixtures.text(in).substring(0, in.length - r.body().length);
        String outHead = ReplayFixtures.text(out.bytes()).substring(0, out.headLength());
        List<String> inLines = Arrays.asList(inHead.split("\r?\n"));
        List<String> outLines = Arrays.asList(outHead.split("\r?\n"));

        assertThat(Arrays.copyOfRange(out.bytes(), out.headLength(), out.bytes().length)).isEqualTo(r.body());
        assertThat(outLines.stream().filter(l -> !isHost(l)).toList())
                .isEqualTo(inLines.stream().filter(l -> !isHost(l)).toList());
        List<String> hosts = outLines.stream().filter(RequestBytesProperties::isHost).toList();
        assertThat(hosts).hasSize(Math.max(1, (int) inLines.stream().filter(RequestBytesProperties::isHost).count()))
                .allSatisfy(h -> assertThat(h.substring(4)).isEqualTo(": 10.0.0.7:8080"));
    }

    private static boolean isHost(String line) {
        return line.regionMatches(true, 0, "host:", 0, 5);
    }

    @Property(tries = 200)
    void credentialsFromTheUrlAreAddedOnlyWithoutAnAuthorizationLine(@ForAll("requests") Request r) {
        ReplayTarget withAuth = ReplayTarget.of(URI.create("http://u:p@10.0.0.7:8080"));
        String head = ReplayFixtures.text(RequestBytes.forTarget(r.wire(), withAuth, false).bytes());
        assertThat(head.contains("Authorization: Basic dTpw\r\n")).isEqualTo(!r.hasAuth());
    }
}
