package dev.shadowtap.app;

import dev.shadowtap.core.LinkDetail;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Stats;
import dev.shadowtap.middleware.Middleware;
import dev.shadowtap.middleware.MiddlewareConfig;
import dev.shadowtap.pipeline.Relay;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;

import java.io.IOException;

/**
 * {@code --middleware} in the run: starts the program and makes the emitter's relay through it. Stage
 * {@code middleware} counts what it was sent and what it gave back that was unusable,
 * {@code middleware-returned} what it gave back; the program's state is a {@link LinkDetail} for the
 * live views.
 */
final class MiddlewareWiring {
    private MiddlewareWiring() {
    }

    static RunPlan.Detour start(MiddlewareConfig config, Stats stats, Log log) throws IOException {
        Middleware program = Middleware.start(config, stats.stage("middleware"), log);
        stats.detail(link(program));
        Relay relay = new Relay(new Sink(program.requests(), program.stats()),
                new Source(program.replies(), stats.stage("middleware-returned")), config.quiet(), config.timeout());
        return new RunPlan.Detour(program, relay);
    }

    /** Up while the program has not failed; waiting: messages sent to it that it has not given back (yet). */
    static LinkDetail link(Middleware program) {
        return LinkDetail.of(program.stats(), () -> {
            String failure = program.failure().orElse("");
            return new LinkDetail.State("middleware", failure.isEmpty() ? 1 : 0, 1,
                    Math.max(0, program.sent() - program.returned()), failure);
        });
    }
}
