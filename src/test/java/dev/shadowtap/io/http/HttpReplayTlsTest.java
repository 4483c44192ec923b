package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.shadowtap.io.http.ReplayFixtures.bytes;
import static dev.shadowtap.io.http.ReplayFixtures.config;
import static dev.shadowtap.io.http.ReplayFixtures.drain;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static dev.shadowtap.io.http.ReplayFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

/** https targets: a self-signed certificate (made with keytool) fails verification unless skip-verify; SNI is sent. */
class HttpReplayTlsTest {
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static final Set<String> sniNames = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        SSLContext context = SelfSignedTls.serverContext(dir);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        sniNames.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            byte[] body = bytes("secure " + exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static URI target() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    @Test
    void aSelfSignedCertificateFailsVerificationAndIsCountedAsTlsError() throws Exception {
        ReplayFixtures.LinesLog log = new ReplayFixtures.LinesLog();
        HttpReplayOutput out = new HttpReplayOutput(config(target(), 1), new Stats(), log);
        out.write(request(id(1), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
        out.write(request(id(2), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
        out.close();

        assertThat(out.stats().errors(Reason.TLS_ERROR)).isEqualTo(2);
        assertThat(drain(out.replies())).isEmpty();
        assertThat(log.warnings()).hasSize(1).first().asString().contains("tls-error").contains("localhost:")
                .contains("--output-http-skip-verify").doesNotContain("sun.security");
    }

    @Test
    void skipVerifyTrustsItSendsSniAndReusesTheConnection() throws Exception {
        HttpReplayOutput out = new HttpReplayOutput(config(target(), 1).withSkipVerify(true).withTrackResponse(true), new Stats(),
                new ReplayFixtures.LinesLog());
        for (int i = 0; i < 5; i++) {
            out.write(request(id(i), "GET /s HTTP/1.1\r\nHost: h\r\n\r\n"));
        }
        out.close();
        List<Message> replies = drain(out.replies());

        assertThat(replies).hasSize(5).allSatisfy(m -> assertThat(text(m.payload()))
                .endsWith("secure localhost:" + server.getAddress().getPort()));
        assertThat(sniNames).contains("localhost");
        assertThat(out.stats().stage().droppedTotal()).isZero();
    }
}
