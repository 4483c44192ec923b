package dev.shadowtap.observe;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The read-only HTTP server behind {@code --dashboard} and {@code --http-pprof} (the JDK's
 * {@code com.sun.net.httpserver}): GET and HEAD only (anything else 405), exact paths (a path ending in
 * {@code /} also serves what lies below it), no cross-origin headers, nothing cached, and a content
 * security policy that lets a page load nothing from anywhere else. Bound to a loopback address it
 * answers only requests whose {@code Host} is a loopback address or {@code localhost}: a web page
 * elsewhere cannot read it through a name it makes resolve to 127.0.0.1.
 */
public final class ObserveServer implements AutoCloseable {
    /** What a page may load, run and connect to: its own URLs only, no inline script or style. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** What a path answers, from the request's headers. */
    @FunctionalInterface
    public interface Route {
        Reply serve(Headers request) throws IOException;
    }

    /** A route's answer. */
    public record Reply(int status, String contentType, byte[] body) {
        static Reply ok(String contentType, byte[] body) {
            return new Reply(200, contentType, body);
        }
    }

    static final int MAX_HANDLERS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private ObserveServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address} and serves {@code routes}; a port that cannot be had is one line naming
     * {@code flag} and the address.
     */
    public static ObserveServer start(String flag, InetSocketAddress address, Map<String, Route> routes) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new IOException(flag + " " + text(address) + ": cannot listen there ("
                    + (e.getMessage() == null ? "in use" : e.getMessage().toLowerCase(java.util.Locale.ROOT)) + ")");
        } catch (IOException | RuntimeException e) {
            throw new IOException(flag + " " + text(address) + ": cannot listen there (" + e.getMessage() + ")");
        }
        ExecutorService executor = handlers();
        server.setExecutor(executor);
        boolean loopback = address.getAddress() != null && address.getAddress().isLoopbackAddress();
        server.createContext("/", exchange -> handle(exchange, routes, loopback));
        server.start();
        return new ObserveServer(server, executor);
    }

    /**
     * The threads that serve requests: platform threads kept for a while between scrapes, at most
     * {@link #MAX_HANDLERS} at once (one more request is refused, its connection closed). A virtual
     * thread per request cost ~5 ms more CPU per scrape while the code runs cold, which a short replay
     * with a scraped dashboard pays (docs/BENCHMARKS.md, "dashboard").
     */
    private static ExecutorService handlers() {
        return new ThreadPoolExecutor(0, MAX_HANDLERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("observe-", 0).daemon(true).factory());
    }

    /** The address it listens on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL to print: {@code http://host:port/}, the host as short as it is written ({@code [::1]}). */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : HostHeader.literal(a.getAddress());
        return "http://" + host + ":" + a.getPort() + "/";
    }

    /** Whether it listens on every interface (an address such as {@code :9090} or {@code 0.0.0.0:9090}). */
    public boolean everyInterface() {
        return address().getAddress().isAnyLocalAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, Map<String, Route> routes, boolean loopback) throws IOException {
        // a request's body is never read: nothing here takes one (closing the exchange discards it)
        try (exchange) {
            Headers out = exchange.getResponseHeaders();
            out.set("Cache-Control", "no-store");
            out.set("X-Content-Type-Options", "nosniff");
            out.set("Content-Security-Policy", CSP);
            out.set("Referrer-Policy", "no-referrer");
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                out.set("Allow", "GET, HEAD");
                send(exchange, new Reply(405, "text/plain; charset=utf-8", "read-only: GET and HEAD only\n".getBytes()), false);
                return;
            }
            if (loopback && !HostHeader.isLocal(exchange.getRequestHeaders().getFirst("Host"))) {
                // a page of another site reaching a loopback server by a name that resolves here (DNS rebinding)
                send(exchange, new Reply(421, "text/plain; charset=utf-8",
                        "this server answers only to a loopback address or localhost\n".getBytes()), head);
                return;
            }
            Route route = find(routes, exchange.getRequestURI().getPath());
            if (route == null) {
                send(exchange, new Reply(404, "text/plain; charset=utf-8", "not found\n".getBytes()), head);
                return;
            }
            Reply reply;
            try {
                reply = route.serve(exchange.getRequestHeaders());
            } catch (IOException | RuntimeException e) {
                reply = new Reply(500, "text/plain; charset=utf-8", ("error: " + e + "\n").getBytes());
            }
            send(exchange, reply, head);
        }
    }

    private static Route find(Map<String, Route> routes, String path) {
        Route exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Route> route : routes.entrySet()) {
            if (route.getKey().endsWith("/") && route.getKey().length() > 1 && path.startsWith(route.getKey())) {
                return route.getValue();
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        if (head) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply.body());
        }
    }

    private static String text(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString()
                : address.getAddress().isAnyLocalAddress() ? "" : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
