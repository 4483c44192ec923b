package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.InterimResponse;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.http.MessageLength;
import dev.shadowtap.http.Prettifier;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;

import java.util.EnumMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Pairs requests (type 1), original responses (type 2, the reference) and replayed responses (type 3,
 * the candidate) by id, in order within an id (GoReplay gives every request of a keep-alive connection
 * the same id: the k-th request pairs with the k-th final response and the k-th replayed one; a
 * response may come before its request), compares each complete exchange and keeps the counts per endpoint. With a
 * secondary, an exchange also waits (up to the age cap) for the second old instance's answer.
 *
 * <p>Never silent: an exchange that cannot be compared is counted on {@code stats} by reason:
 * {@code no-reference}, {@code no-candidate}, {@code no-request} (left at the end), {@code expired},
 * {@code table-full}, {@code not-http} (an HTTP request with a part that is not an HTTP message),
 * {@code truncated-reference}
 * and {@code truncated-candidate} (a body cut short: not compared). A request whose replay never
 * answered also counts against the endpoint's gate ({@link EndpointTally#unanswered()}). Interim 1xx responses are
 * skipped: the final response with the same id follows. An exchange none of whose parts is HTTP (a
 * binary protocol's, replayed by {@code --output-binary}) is compared byte for byte ({@link BinaryExchange}).
 * Thread-safe (one lock).
 */
public final class CompareEngine {
    /** 10^18 ns after the epoch, September 2001: no round trip is that long, every capture is later. */
    private static final long EPOCH_NS_2001 = 1_000_000_000_000_000_000L;
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
    private final ResponseDiff responseDiff;
    private final Map<String, EndpointTally> endpoints = new HashMap<>();
    private final Map<Reason, Long> unpaired = new EnumMap<>(Reason.class);

    public CompareEngine(CompareConfig config, StageStats stats, DiffSink sink, LongSupplier nanoClock,
                         LongSupplier nowSeconds) {
        this.config = config;
        this.stats = stats;
        this.sink = sink;
        this.awaitSecondary = config.secondary() != null;
        this.pending = new PendingTable(config.limits().maxPending(), config.limits().maxAge(), nanoClock);
        this.classifier = new NoiseClassifier(config.ignore(), nowSeconds);
        this.originals = new OriginalMemory(config.limits().maxOriginals(), CompareConfig.MAX_REMEMBERED_BODY);
        this.prettifier = new Prettifier(config.limits().maxBody());
        this.responseDiff = new ResponseDiff(config.limits().maxBody());
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
        p.add(message);
        settle(evicted);
        compareReady(p);
    }

    /** The second old instance's response to the request with this id (its {@code replies()}). */
    public synchronized void acceptSecondary(Message message) {
        if (isInterim(message)) {
            return;
        }
        List<PendingTable.Evicted> evicted = new ArrayList<>();
        pending.expire(evicted);
        Pending p = pending.entry(message.id(), evicted);
        p.addSecondary(message);
        settle(evicted);
        compareReady(p);
    }

    /** Ends the run: what is still waiting is compared when it can be, counted by what it misses otherwise. */
    public synchronized CompareSummary finish() {
        return finishState().summarize();
    }

    /** {@link #finish()} before it is summarized: what a report keeps to be merged with others. */
    public synchronized ReportState finishState() {
        for (Pending.Exchange e : pending.drain()) {
            if (e.comparable()) {
                compare(e); // only the secondary's answer was missing
            } else {
                notCompared(e, e.missing());
            }
        }
        return state();
    }

    /** The state as of now, what is still waiting left waiting (the dashboard's live view while the run goes). */
    public synchronized ReportState liveState() {
        return state();
    }

    private ReportState state() {
        List<EndpointState> states = new ArrayList<>();
        endpoints.values().forEach(tally -> states.add(tally.state()));
        return new ReportState(ReportState.Gate.of(config), unpaired, states, LearnedNoise.of(classifier.all()));
    }

    /** The classifier, with what it learned so far (the diff log re-reads its lines through it). */
    public NoiseClassifier classifier() {
        return classifier;
    }

    /** Compares the exchanges of {@code p} whose parts are all here, oldest first. */
    private void compareReady(Pending p) {
        boolean progressed = false;
        for (Pending.Exchange e; (e = p.pollComplete(awaitSecondary)) != null; ) {
            compare(e);
            progressed = true;
        }
        if (progressed) {
            pending.progressed(p);
        }
    }

    private void settle(List<PendingTable.Evicted> evicted) {
        for (PendingTable.Evicted e : evicted) {
            if (e.exchange().comparable()) {
                compare(e.exchange()); // waited in vain for the secondary only
            } else {
                notCompared(e.exchange(), e.reason());
            }
        }
    }

    /** Counts an exchange that cannot be compared; a request the replay never answered also counts against the gate. */
    private void notCompared(Pending.Exchange e, Reason reason) {
        unpaired(reason);
        // the target's silence counts (no answer by the end, or within the age cap); the table's own overflow does not
        if (e.unanswered() && reason != Reason.TABLE_FULL) {
            Optional<ExchangeRequest> req = ExchangeRequest.of(e.request().payload());
            if (req.isPresent()) {
                tally(req.get()).unanswered();
            } else {
                tally(BinaryExchange.ENDPOINT).unanswered();
            }
        }
    }

    private void unpaired(Reason reason) {
        stats.drop(reason);
        unpaired.merge(reason, 1L, Long::sum);
    }

    private EndpointTally tally(ExchangeRequest req) {
        return tally(req.endpoint());
    }

    private EndpointTally tally(String name) {
        String endpoint = endpoints.containsKey(name) || endpoints.size() < MAX_ENDPOINTS ? name : OTHER_ENDPOINTS;
        return endpoints.computeIfAbsent(endpoint, EndpointTally::new);
    }

    private void compare(Pending.Exchange p) {
        Optional<ExchangeRequest> request = ExchangeRequest.of(p.request().payload());
        Optional<HttpHead> referenceHead = HttpHead.tryParse(p.reference().payload());
        Optional<HttpHead> candidateHead = HttpHead.tryParse(p.candidate().payload());
        if (request.isEmpty() && referenceHead.isEmpty() && candidateHead.isEmpty()) {
            compareBytes(p);
            return;
        }
        if (request.isEmpty() || referenceHead.isEmpty() || candidateHead.isEmpty()) {
            unpaired(Reason.NOT_HTTP);
            return;
        }
        // a cut body would show as a change that is not one: counted, never compared
        if (MessageLength.isCut(p.reference().payload(), 0, p.reference().payload().length)) {
            unpaired(Reason.TRUNCATED_REFERENCE);
            return;
        }
        if (MessageLength.isCut(p.candidate().payload(), 0, p.candidate().payload().length)) {
            unpaired(Reason.TRUNCATED_CANDIDATE);
            return;
        }
        Optional<DecodedResponse> reference = DecodedResponse.decode(p.reference().payload(), prettifier);
        Optional<DecodedResponse> candidate = DecodedResponse.decode(p.candidate().payload(), prettifier);
        if (reference.isEmpty() || candidate.isEmpty()) {
            unpaired(Reason.NOT_HTTP);
            return;
        }
        ExchangeRequest req = request.get();
        EndpointTally tally = tally(req);
        String endpoint = tally.endpoint();
        DecodedResponse ref = reference.get();
        if (config.limits().maxOriginals() > 0) {
            originals.remember(req.key(), ref).ifPresent(previous ->
                    classifier.learn(endpoint, NoiseReason.LEARNED, responseDiff.diff(previous, ref)));
        }
        if (p.secondary() != null) {
            DecodedResponse.decode(p.secondary().payload(), prettifier).ifPresent(second ->
                    classifier.learn(endpoint, NoiseReason.SECONDARY, responseDiff.diff(ref, second)));
        }
        DecodedResponse cand = candidate.get();
        List<ClassifiedDifference> differences = new ArrayList<>();
        for (Difference d : responseDiff.diff(ref, cand)) {
            differences.add(classifier.classified(endpoint, d));
        }
        tally.record(p.id(), req.startLine(), ref.status(), cand.status(), referenceLatency(p),
                candidateLatency(p.candidate()), differences);
        if (tally.wantsPair(p.id(), differences)) {
            tally.keepPair(ExamplePair.http(p.id(), req.startLine(), ref, cand, differences));
        }
        if (!differences.isEmpty() && sink != null) {
            sink.accept(p.id(), endpoint, req.startLine(), differences);
        }
    }

    /**
     * The original's latency: from its request's first packet to its response's. GoReplay 1.2+ and
     * shadowtap put each message's own duration in the fourth field, 1.0 and 1.1 a latency of their own
     * kind, so only the timestamps mean the same in every file. 0 (not recorded) when they disagree.
     */
    private static long referenceLatency(Pending.Exchange p) {
        long ns = p.reference().timestampNs() - p.request().timestampNs();
        return p.request().timestampNs() > 0 && ns > 0 ? ns : 0;
    }

    /**
     * The replay's round trip. GoReplay 1.0 to 2.0-rc2 wrote it as the third field and the start time
     * as the fourth (fixed later): a fourth field that is a wall-clock time (after 2001) is no round trip.
     */
    private static long candidateLatency(Message replayed) {
        long latency = replayed.latencyNs();
        return latency >= EPOCH_NS_2001 && replayed.timestampNs() < latency ? replayed.timestampNs() : latency;
    }

    /** A binary protocol's exchange: the replayed reply's bytes against the recorded reply's. */
    private void compareBytes(Pending.Exchange p) {
        EndpointTally tally = tally(BinaryExchange.ENDPOINT);
        List<ClassifiedDifference> differences = new ArrayList<>();
        for (Difference d : BinaryExchange.diff(p.reference().payload(), p.candidate().payload())) {
            differences.add(classifier.classified(tally.endpoint(), d));
        }
        String request = BinaryExchange.requestLine(p.request().payload());
        tally.record(p.id(), request, 0, 0, referenceLatency(p), candidateLatency(p.candidate()), differences);
        if (tally.wantsPair(p.id(), differences)) {
            tally.keepPair(ExamplePair.binary(p.id(), request, p.reference().payload(), p.candidate().payload(),
                    differences));
        }
        if (!differences.isEmpty() && sink != null) {
            sink.accept(p.id(), tally.endpoint(), request, differences);
        }
    }

    private static boolean isInterim(Message message) {
        return message.type() != MessageType.REQUEST && InterimResponse.startsPayload(message.payload());
    }
}
