package dev.shadowtap.app;

import dev.shadowtap.cli.ObserveOptions;
import dev.shadowtap.compare.CompareOutput;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Stats;
import dev.shadowtap.observe.Observe;
import dev.shadowtap.observe.ObserveConfig;

import java.io.IOException;
import java.util.Optional;

/** Opens {@code --dashboard} and {@code --http-pprof} for a run's plan: they read its counters and its comparison. */
final class DashboardWiring {
    private DashboardWiring() {
    }

    static Observe start(ObserveOptions options, Stats stats, RunPlan plan, Log log) throws IOException {
        Optional<CompareOutput> compare = plan.outputs().compare();
        return Observe.start(new ObserveConfig(options.dashboard(), options.showPayloads(), options.pprof()), stats,
                () -> compare.map(CompareOutput::live), log);
    }
}
