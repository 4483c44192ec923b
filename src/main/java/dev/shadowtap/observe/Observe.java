package dev.shadowtap.observe;

import dev.shadowtap.compare.CompareSummary;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run's watchers: {@code --dashboard} (the page {@code /}, {@code /metrics}, {@code /api/stats}) and
 * {@code --http-pprof} ({@code /debug/vars}, {@code /debug/pprof/}), each on its own address, or one
 * server when both flags name the same one. All of them read one {@link RunView} of the run's
 * {@link Stats}. Closing stops every server.
 */
public final class Observe implements AutoCloseable {
    private static final String JSON = "application/json; charset=utf-8";

    private final List<ObserveServer> servers;

    private Observe(List<ObserveServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts what {@code config} asks for (nothing, without an address) and logs where each listens. */
    public static Observe start(ObserveConfig config, Stats stats, Supplier<Optional<CompareSummary>> compare, Log log)
            throws IOException {
        if (!config.any()) {
            return new Observe(List.of());
        }
        RunView view = new RunView(stats, compare);
        Map<String, ObserveServer.Route> dashboard = new LinkedHashMap<>();
        if (config.dashboard().isPresent()) {
            dashboard.putAll(dashboardRoutes(view, config.showPayloads()));
        }
        Map<String, ObserveServer.Route> pprof = pprofRoutes(view);
        List<ObserveServer> servers = new ArrayList<>();
        try {
            // one address for both: one server (port 0 asks for two ports of the system's choice)
            if (config.dashboard().isPresent() && config.dashboard().equals(config.pprof())
                    && config.dashboard().get().getPort() != 0) {
                dashboard.putAll(pprof);
                servers.add(started("--dashboard", config.dashboard().get(), dashboard, log, "dashboard"));
            } else {
                if (config.dashboard().isPresent()) {
                    servers.add(started("--dashboard", config.dashboard().get(), dashboard, log, "dashboard"));
                }
                if (config.pprof().isPresent()) {
                    servers.add(started("--http-pprof", config.pprof().get(), pprof, log, "http-pprof"));
                }
            }
        } catch (IOException e) {
            servers.forEach(ObserveServer::close);
            throw e;
        }
        return new Observe(servers);
    }

    /** The servers' addresses, in the order started (tests and the demo find the ports chosen here). */
    public List<java.net.InetSocketAddress> addresses() {
        return servers.stream().map(ObserveServer::address).toList();
    }

    @Override
    public void close() {
        servers.forEach(ObserveServer::close);
    }

    private static ObserveServer started(String flag, java.net.InetSocketAddress address,
                                         Map<String, ObserveServer.Route> routes, Log log, String what) throws IOException {
        ObserveServer server = ObserveServer.start(flag, address, routes);
        log.info(what + ": " + server.url() + (server.everyInterface() ? " (listening on every interface)" : ""));
        return server;
    }

    static Map<String, ObserveServer.Route> dashboardRoutes(RunView view, boolean showPayloads) {
        PromMetrics metrics = new PromMetrics(view);
        Map<String, ObserveServer.Route> routes = new LinkedHashMap<>();
        for (String[] file : new String[][]{{"/", "dashboard.html", "text/html"}, {"/dashboard.js", "dashboard.js",
                "text/javascript"}, {"/dashboard.css", "dashboard.css", "text/css"}}) {
            byte[] body = resource(file[1]);
            routes.put(file[0], request -> ObserveServer.Reply.ok(file[2] + "; charset=utf-8", body));
        }
        routes.put("/metrics", request -> {
            var writer = metrics.writer(request.getFirst("Accept"));
            var out = new java.io.ByteArrayOutputStream(16 * 1024);
            metrics.write(out, writer);
            return ObserveServer.Reply.ok(writer.getContentType(), out.toByteArray());
        });
        routes.put("/api/stats", request -> ObserveServer.Reply.ok(JSON, StatsJson.render(view.snapshot(), showPayloads)));
        return routes;
    }

    static Map<String, ObserveServer.Route> pprofRoutes(RunView view) {
        Map<String, ObserveServer.Route> routes = new LinkedHashMap<>();
        routes.put("/debug/vars", request -> ObserveServer.Reply.ok(JSON, ExpvarJson.render(view.snapshot())));
        ObserveServer.Route howTo = request -> ObserveServer.Reply.ok("text/plain; charset=utf-8", JvmProfiling.howTo());
        routes.put("/debug/pprof", howTo);
        routes.put("/debug/pprof/", howTo);
        return routes;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Observe.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
