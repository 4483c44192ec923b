package dev.shadowtap.io.raw;

import dev.shadowtap.capture.Capture;
import dev.shadowtap.capture.CaptureTotals;
import dev.shadowtap.core.StageDetail;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.tcp.TcpStats;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * An {@code --input-raw}'s capture health beyond its stage's counters: the engine's packets and kernel
 * drops, TCP segments, flows and gaps, the queue to the pipeline. Registered with the run's
 * {@code Stats}, so every counter of a capture is found in the one registry. It adds no line to the
 * exit summary: with {@code --input-raw-stats} the input logs {@link #line()} every interval and when
 * the capture ends. {@link #line()} reads the flow table, which only the capture thread touches: read
 * it on that thread or once the capture has ended.
 */
public final class CaptureHealth implements StageDetail {
    private final String address;
    private final StageStats stage;
    private final Capture capture;
    private final TcpStats tcp;
    private final IntSupplier openFlows;
    private final IntSupplier queued;

    CaptureHealth(String address, StageStats stage, Capture capture, TcpStats tcp, IntSupplier openFlows,
                  IntSupplier queued) {
        this.address = address;
        this.stage = stage;
        this.capture = capture;
        this.tcp = tcp;
        this.openFlows = openFlows;
        this.queued = queued;
    }

    @Override
    public StageStats stage() {
        return stage;
    }

    /** The TCP reassembly's own counters. */
    TcpStats tcp() {
        return tcp;
    }

    @Override
    public List<String> summaryLines() {
        return List.of();
    }

    /** The capture's counters as numbers, from any thread (open flows as TCP counted them: opened less closed). */
    public Numbers numbers() {
        TcpStats.Snapshot t = tcp.snapshot();
        return new Numbers(stage.name(), capture.totals(), t.segments(), t.connectionsOpened(), t.open(), t.gapCount(),
                queued.getAsInt());
    }

    /** What {@link #numbers()} reads: the stage's name, the engine's totals, TCP's segments, flows and gaps, the queue. */
    public record Numbers(String stage, CaptureTotals engine, long segments, long flows, long openFlows, long gaps,
                          int queued) {
    }

    /** The {@code --input-raw-stats} line, as of now. */
    public String line() {
        TcpStats.Snapshot t = tcp.snapshot();
        return "input-raw " + address + ": " + capture.counters() + " segments=" + t.segments()
                + " flows=" + t.connectionsOpened() + " open-flows=" + openFlows.getAsInt()
                + " gaps=" + t.gapCount() + " queued=" + queued.getAsInt() + " losses=" + stage.snapshot().drops();
    }
}
