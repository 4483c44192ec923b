package dev.shadowtap.io.http;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.api.server.ServerSessionListener;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.server.RawHTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A real HTTP/2 server (Jetty's, low level) that records every stream as it arrived: its method,
 * path, authority, header fields in wire order, body bytes, trailers and the client port of its
 * connection. It answers {@code 200} with {@code x-path}, a body naming what it got, and a
 * {@code x-trailer: done} trailer when the request had trailers; or resets the streams {@code reset}
 * picks with REFUSED_STREAM. Its SETTINGS advertise its stream limit, or (as some servers do) it only
 * enforces it, refusing the streams past it.
 */
public final class H2RecordingServer implements AutoCloseable {
    /** One stream as the server received it. */
    public record Received(String method, String path, String authority, List<String[]> fields, byte[] body,
                    List<String[]> trailers, int clientPort) {
        public List<String> fieldNames() {
            return fields.stream().map(f -> f[0]).toList();
        }

        public String field(String name) {
            return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst().orElse(null);
        }
    }

    public final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    final Set<String> alpn = ConcurrentHashMap.newKeySet();
    private final Server server = new Server();
    private final ServerConnector connector;
    private final Predicate<Received> reset;
    private final int maxConcurrentStreams;
    private final boolean advertise;
    private final long answerAfterMillis;
    private final java.util.concurrent.ScheduledExecutorService later =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    /** Cleartext HTTP/2 with prior knowledge ({@code tls} null), or h2 over TLS negotiated by ALPN. */
    public H2RecordingServer(SSLContext tls, int maxConcurrentStreams, Predicate<Received> reset) throws Exception {
        this(tls, maxConcurrentStreams, true, 0, reset);
    }

    /**
     * {@code advertise}: whether its SETTINGS name its stream limit (it refuses the streams past it either
     * way); {@code answerAfterMillis}: how long it holds each answer, keeping its stream open.
     */
    public H2RecordingServer(SSLContext tls, int maxConcurrentStreams, boolean advertise, long answerAfterMillis,
                             Predicate<Received> reset) throws Exception {
        this.reset = reset;
        this.answerAfterMillis = answerAfterMillis;
        this.maxConcurrentStreams = maxConcurrentStreams;
        this.advertise = advertise;
        RawHTTP2ServerConnectionFactory h2 = new RawHTTP2ServerConnectionFactory(new HttpConfiguration(), new Listener(),
                tls == null ? "h2c" : "h2");
        h2.setMaxConcurrentStreams(maxConcurrentStreams);
        if (tls == null) {
            connector = new ServerConnector(server, h2);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            ALPNServerConnectionFactory negotiation = new ALPNServerConnectionFactory("h2");
            SslConnectionFactory sslFactory = new SslConnectionFactory(ssl, negotiation.getProtocol());
            sslFactory.addBean(new SslHandshakeListener() {
                @Override
                public void handshakeSucceeded(Event event) {
                    alpn.add(String.valueOf(event.getSSLEngine().getApplicationProtocol()));
                }
            });
            connector = new ServerConnector(server, sslFactory, negotiation, h2);
        }
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        later.shutdownNow();
        server.stop();
    }

    private final class Listener implements ServerSessionListener {
        @Override
        public java.util.Map<Integer, Integer> onPreface(org.eclipse.jetty.http2.api.Session session) {
            return advertise ? java.util.Map.of(org.eclipse.jetty.http2.frames.SettingsFrame.MAX_CONCURRENT_STREAMS,
                    maxConcurrentStreams) : null;
        }

        @Override
        public Stream.Listener onNewStream(Stream stream, HeadersFrame frame) {
            MetaData.Request request = (MetaData.Request) frame.getMetaData();
            StreamRecorder recorder = new StreamRecorder(request, stream.getSession().getRemoteAddress().getPort());
            if (frame.isEndStream()) {
                recorder.done(stream);
            } else {
                stream.demand();
            }
            return recorder;
        }
    }

    private final class StreamRecorder implements Stream.Listener {
        private final MetaData.Request request;
        private final int port;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final List<String[]> trailers = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        StreamRecorder(MetaData.Request request, int port) {
            this.request = request;
            this.port = port;
        }

        @Override
        public void onDataAvailable(Stream stream) {
            while (true) {
                Stream.Data data = stream.readData();
                if (data == null) {
                    stream.demand();
                    return;
                }
                ByteBuffer b = data.frame().getByteBuffer();
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                body.write(copy, 0, copy.length);
                boolean end = data.frame().isEndStream();
                data.release();
                if (end) {
                    done(stream);
                    return;
                }
            }
        }

        @Override
        public void onHeaders(Stream stream, HeadersFrame frame) {
            for (HttpField f : frame.getMetaData().getHttpFields()) {
                trailers.add(new String[]{f.getName(), f.getValue()});
            }
            if (frame.isEndStream()) {
                done(stream);
            } else {
                stream.demand();
            }
        }

        void done(Stream stream) {
            if (!ended.compareAndSet(false, true)) {
                return; // trailers end the stream, and the end is also read as an empty last DATA
            }
            List<String[]> fields = new ArrayList<>();
            for (HttpField f : request.getHttpFields()) {
                fields.add(new String[]{f.getName(), f.getValue()});
            }
            Received r = new Received(request.getMethod(), request.getHttpURI().getPathQuery(),
                    request.getHttpURI().getAuthority(), fields, body.toByteArray(), List.copyOf(trailers), port);
            received.add(r);
            if (reset.test(r)) {
                stream.reset(new ResetFrame(stream.getId(), ErrorCode.REFUSED_STREAM_ERROR.code), Callback.NOOP);
                return;
            }
            if (answerAfterMillis > 0) {
                later.schedule(() -> answer(stream, r), answerAfterMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                answer(stream, r);
            }
        }

        private void answer(Stream stream, Received r) {
            HttpFields.Mutable head = HttpFields.build().add("content-type", "text/plain").add("x-path", r.path());
            byte[] answer = ("got " + r.body().length + " bytes for " + r.path()).getBytes(StandardCharsets.ISO_8859_1);
            boolean withTrailers = !r.trailers().isEmpty();
            stream.headers(new HeadersFrame(stream.getId(), new MetaData.Response(200, null, HttpVersion.HTTP_2, head), null, false),
                    Callback.from(() -> stream.data(new DataFrame(stream.getId(), ByteBuffer.wrap(answer), !withTrailers),
                            Callback.from(() -> {
                                if (withTrailers) {
                                    stream.headers(new HeadersFrame(stream.getId(), new MetaData(HttpVersion.HTTP_2,
                                            HttpFields.build().add("x-trailer", "done")), null, true), Callback.NOOP);
                                }
                            }, x -> { }))));
        }
    }
}
