package dev.shadowtap.capture;

/**
 * A capture's engine counters as numbers, for readers that chart or export them (the dashboard): frames
 * delivered and their bytes, packets the kernel dropped (its buffer full) and those the interface
 * dropped. Any thread may read them: the engines publish them as snapshots.
 */
public record CaptureTotals(long packets, long bytes, long kernelDrops, long interfaceDrops) {
}
