package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;

import static dev.shadowtap.io.http.ReplayFixtures.config;
import static dev.shadowtap.io.http.ReplayFixtures.drain;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both engines follow the one {@link RetryPolicy}: a safe request that meets a kept-alive connection
 * the server closed without a reply byte goes once more on a new connection, counted; an unsafe one
 * is counted as failed and not sent again.
 */
class HttpReplayResendTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @TempDir
    Path dir;

    /** The second request the server reads is answered by a close, as a server timing out its idle connection would. */
    private static ScriptedServer.Script closingTheSecond() {
        return (request, index, socket) -> index == 1
                ? new ScriptedServer.Answer(new byte[0], ScriptedServer.After.CLOSE, 0)
                : ScriptedServer.Answer.of(OK);
    }

    private record Outcome(int replies, long resent, long closedEarly, int received, int connections) {
    }

    private static Outcome replay(ScriptedServer server, URI target, boolean tls, String secondMethod) throws Exception {
        HttpReplayConfig config = config(target, 1).withSkipVerify(tls);
        HttpReplayOutput out = new HttpReplayOutput(config, new Stats(), new ReplayFixtures.LinesLog());
        out.write(request(id(1), "GET /one HTTP/1.1\r\nHost: h\r\n\r\n"));
        out.write(request(id(2), secondMethod + " /two HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
        out.close();
        int replies = drain(out.replies()).size();
        server.close();
        return new Outcome(replies, out.stats().staleRetries(), out.stats().errors(Reason.CLOSED_EARLY),
                server.received().size(), server.connections());
    }

    @Test
    void theLoopSendsASafeRequestAgainAfterAClosedKeptAliveConnection() throws Exception {
        ScriptedServer server = new ScriptedServer(closingTheSecond());
        assertThat(replay(server, server.uri(), false, "GET")).isEqualTo(new Outcome(2, 1, 0, 3, 2));
    }

    @Test
    void theLoopCountsAnUnsafeOneAsFailed() throws Exception {
        ScriptedServer server = new ScriptedServer(closingTheSecond());
        assertThat(replay(server, server.uri(), false, "POST")).isEqualTo(new Outcome(1, 0, 1, 2, 1));
    }

    @Test
    void theHttpsThreadsSendASafeRequestAgainAfterAClosedKeptAliveConnection() throws Exception {
        ScriptedServer server = tlsServer(closingTheSecond());
        assertThat(replay(server, tlsUri(server), true, "GET")).isEqualTo(new Outcome(2, 1, 0, 3, 2));
    }

    @Test
    void theHttpsThreadsCountAnUnsafeOneAsFailed() throws Exception {
        ScriptedServer server = tlsServer(closingTheSecond());
        assertThat(replay(server, tlsUri(server), true, "POST")).isEqualTo(new Outcome(1, 0, 1, 2, 1));
    }

    private static URI tlsUri(ScriptedServer server) {
        return URI.create("https://localhost:" + server.port());
    }

    /** A scripted server behind TLS with a self-signed certificate made by keytool. */
    private ScriptedServer tlsServer(ScriptedServer.Script script) throws Exception {
        SSLContext context = SelfSignedTls.serverContext(dir);
        return new ScriptedServer(context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()), script);
    }
}
