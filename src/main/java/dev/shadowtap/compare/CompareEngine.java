package dev.shadowtap.compare;

import dev.shadowtap.http.Prettifier;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.StageStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Pairs requests (type 1), original responses (type 2, the reference) and replayed responses (type 3,
 * the candidate) by id, compares each complete exchange and keeps the counts per endpoint. With a
 * secondary, an exchange also waits (up to the age cap) for the second old instance's answer.
 *
 * <p>Never silent: an exchange that cannot be compared is counted on {@code stats} by reason:
 * {@code no-reference}, {@code no-candidate}, {@code no-request} (left at the end), {@code expired},
 * {@code table-full}, {@code not-http} (a part that is not an HTTP message). Interim 1xx responses are
 * skipped: the final response with the same id follows. Thread-safe (one lock).
 */
public final class CompareEngine {
    /** Endpoints counted separately at most; the rest are counted under {@link #OTHER_ENDPOINTS}. */
    public static final int MAX_ENDPOINTS = 500;
    public static final String OTHER_ENDPOINTS = "(other endpoints)";

    /** Where each compared pair with differences goes (the diffs.jsonl writer), or nothing. */
    public interface DiffSink {
        void accept(String id, String endpoint, String request, List<ClassifiedDifference> differences);
    }

    private final CompareConfig config;
    private final StageStats stats;
    private final DiffSink sink;
    private final boolean awaitSecondary;
    private final PendingTable pending;
    private final NoiseClassifier classifier;
    private final OriginalMemory originals;
    private final Prettifier prettifier;
    private final ResponseDiff responseDiff = new ResponseDiff();
    private final Map<String, EndpointTally> endpoints = new HashMap<>();
    private final Map<String, Long> unpaired = new TreeMap<>();
    private long compared;

    public CompareEngine(CompareConfig config, StageStats stats, DiffSink sink, LongSupplier nanoClock,
                         LongSupplier nowSeconds) {
        this.config = config;
        this.stats = stats;
        this.sink = sink;
        this.awaitSecondary = config.secondary() != null;
        this.pending = new PendingTable(config.maxPending(), config.maxAge(), nanoClock);
        this.classifier = new NoiseClassifier(config.ignore(), nowSeconds);
        this.originals = new OriginalMemory(config.maxOriginals(), CompareConfig.MAX_REMEMBERED_BODY);
        this.prettifier = new Prettifier(config.maxBody());
    }

    public CompareEngine(CompareConfig config, StageStats stats, DiffSink sink) {
        this(config, stats, sink, System::nanoTime, () -> System.currentTimeMillis() / 1000);
    }

    /** Takes one message of the pipeline: a request, an original response or a replayed one. */
    public synchronized void accept(Message message) {
        if (isInterim(message)) {
            return;
        }
        List<PendingTable.Evicted> evicted = new ArrayList<>();
        pending.expire(evicted);
        Pending p = pending.entry(message.id(), evicted);
        switch (message.type()) {
            case REQUEST -> p.request = message;
            case RESPONSE -> p.reference = message;
            case REPLAYED -> p.candidate = message;
        }
        settle(evicted);
        if (p.comparable() && (!awaitSecondary || p.secondaryDone)) {
            pending.remove(p.id);
            compare(p);
        }
    }

    /** The second old instance's response to the request with this id (its {@code replies()}). */
    public synchronized void acceptSecondary(Message message) {
        if (isInterim(message)) {
            return;
        }
        List<PendingTable.Evicted> evicted = new ArrayList<>();
        pending.expire(evicted);
        Pending p = pending.entry(message.id(), evicted);
        p.secondary = message;
        p.secondaryDone = true;
        settle(evicted);
        if (p.comparable()) {
            pending.remove(p.id);
            compare(p);
        }
    }

    /** Ends the run: what is still waiting is compared when it can be, counted by what it misses otherwise. */
    public synchronized CompareSummary finish() {
        for (Pending p : pending.drain()) {
            if (p.comparable()) {
                compare(p); // only the secondary's answer was missing
            } else {
                unpaired(p.missing());
            }
        }
        List<CompareSummary.EndpointSummary> summaries = new ArrayList<>();
        long differing = 0;
        for (EndpointTally tally : endpoints.values()) {
            CompareSummary.EndpointSummary s = tally.summarize(classifier, config.failAbove());
            summaries.add(s);
            differing += s.differing();
        }
        summaries.sort(Comparator.comparingDouble((CompareSummary.EndpointSummary s) -> -s.differenceRate())
                .thenComparing(CompareSummary.EndpointSummary::endpoint));
        return new CompareSummary(compared, differing, config.failAbove(), unpaired, summaries);
    }

    /** The classifier, with what it learned so far (the diff log re-reads its lines through it). */
    public NoiseClassifier classifier() {
        return classifier;
    }

    private void settle(List<PendingTable.Evicted> evicted) {
        for (PendingTable.Evicted e : evicted) {
            if (e.pending().comparable()) {
                compare(e.pending()); // waited in vain for the secondary only
            } else {
                unpaired(e.reason());
            }
        }
    }

    private void unpaired(String reason) {
        stats.drop(reason);
        unpaired.merge(reason, 1L, Long::sum);
    }

    private void compare(Pending p) {
        Optional<ExchangeRequest> request = ExchangeRequest.of(p.request.payload());
        Optional<DecodedResponse> reference = DecodedResponse.decode(p.reference.payload(), prettifier);
        Optional<DecodedResponse> candidate = DecodedResponse.decode(p.candidate.payload(), prettifier);
        if (request.isEmpty() || reference.isEmpty() || candidate.isEmpty()) {
            unpaired("not-http");
            return;
        }
        ExchangeRequest req = request.get();
        String endpoint = endpoints.containsKey(req.endpoint()) || endpoints.size() < MAX_ENDPOINTS
                ? req.endpoint() : OTHER_ENDPOINTS;
        DecodedResponse ref = reference.get();
        if (config.maxOriginals() > 0) {
            originals.remember(req.key(), ref).ifPresent(previous ->
                    classifier.learn(endpoint, NoiseReason.LEARNED, responseDiff.diff(previous, ref)));
        }
        if (p.secondary != null) {
            DecodedResponse.decode(p.secondary.payload(), prettifier).ifPresent(second ->
                    classifier.learn(endpoint, NoiseReason.SECONDARY, responseDiff.diff(ref, second)));
        }
        DecodedResponse cand = candidate.get();
        List<ClassifiedDifference> differences = new ArrayList<>();
        for (Difference d : responseDiff.diff(ref, cand)) {
            differences.add(classifier.classified(endpoint, d));
        }
        compared++;
        endpoints.computeIfAbsent(endpoint, EndpointTally::new).record(p.id, req.startLine(), ref.status(),
                cand.status(), p.reference.latencyNs(), p.candidate.latencyNs(), differences);
        if (!differences.isEmpty() && sink != null) {
            sink.accept(p.id, endpoint, req.startLine(), differences);
        }
    }

    private static boolean isInterim(Message message) {
        if (message.type() == MessageType.REQUEST) {
            return false;
        }
        byte[] b = message.payload();
        // "HTTP/1.x 1xx" but not 101: an interim response, its final response follows with the same id
        return b.length >= 12 && b[0] == 'H' && b[9] == '1' && !(b[10] == '0' && b[11] == '1') && b[8] == ' ';
    }
}
