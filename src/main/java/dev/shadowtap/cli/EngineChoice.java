package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.pipeline.Address;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which engine serves {@code --input-raw}, chosen as GoReplay chooses it: a capture file's name
 * ({@code .pcap}, {@code .pcapng}, either gzipped, any case, perhaps with {@code :ports}) is read by the
 * {@code pcap_file} engine whatever engine is named (GoReplay 2.x does so for each input); with no engine
 * named, a flag only libpcap honours ({@code --input-raw-monitor}, a {@code --input-raw-timestamp-type}
 * other than the host clock) selects libpcap, said in one line; else the default.
 *
 * @param engine the engine
 * @param note   the line that says why, when the choice is not the one the command line names
 */
record EngineChoice(CaptureEngine engine, Optional<String> note) {
    private static final Pattern CAPTURE_FILE = Pattern.compile("(?i).+\\.pcap(ng)?(\\.gz)?(:\\d+(,\\d+)*)?");

    static EngineChoice choose(Optional<CaptureEngine> named, CaptureEngine byDefault, List<Address> raw, boolean monitor,
                               Optional<String> timestampType) throws UsageException {
        List<String> files = raw.stream().map(Address::value).filter(EngineChoice::isCaptureFile).toList();
        if (!files.isEmpty()) {
            if (files.size() < raw.size()) {
                String live = raw.stream().map(Address::value).filter(v -> !isCaptureFile(v)).findFirst().orElseThrow();
                throw new UsageException("--input-raw " + files.getFirst() + " is a capture file (engine pcap_file) and --input-raw "
                        + live + " a live capture: one engine serves every --input-raw, so run them in two shadowtaps");
            }
            Optional<String> note = named.filter(e -> e != CaptureEngine.PCAP_FILE).map(e -> "--input-raw " + files.getFirst()
                    + " is a capture file: read with engine pcap_file, not " + e.cliName() + " (as GoReplay does)");
            return new EngineChoice(CaptureEngine.PCAP_FILE, note);
        }
        if (named.isPresent()) {
            return new EngineChoice(named.get(), Optional.empty());
        }
        Optional<String> libpcapOnly = monitor ? Optional.of("--input-raw-monitor")
                : timestampType.filter(t -> !CaptureRules.hostClock(t)).map(t -> "--input-raw-timestamp-type " + t);
        if (libpcapOnly.isPresent() && !raw.isEmpty()) {
            return new EngineChoice(CaptureEngine.LIBPCAP, Optional.of(libpcapOnly.get()
                    + ": capturing with engine libpcap, the only one that honours it (no --input-raw-engine was named)"));
        }
        return new EngineChoice(byDefault, Optional.empty());
    }

    static boolean isCaptureFile(String address) {
        return CAPTURE_FILE.matcher(address.toLowerCase(Locale.ROOT)).matches();
    }
}
