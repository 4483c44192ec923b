package dev.shadowtap.pipeline;

import dev.shadowtap.core.Fnv32a;
import dev.shadowtap.core.InterimResponse;
import dev.shadowtap.core.SessionKey;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --split-output}: requests go to one output each, round robin, and each response (original,
 * type 2, and replayed, type 3) to the output its request went to, so every output gets whole
 * exchanges (GoReplay deals every message in turn, which on a file recorded with responses gives one
 * output all the requests and the other all the responses). The pairing is GoReplay's, that of
 * {@link ResponseVerdicts}: per input and id in FIFO order, the n-th final response of an id follows
 * the n-th request, a 1xx takes no turn. A response with no such output (its id unknown to this input
 * or forgotten; a replay output's reply, which never goes back to that output) goes to the output the
 * next request will be dealt to: deterministic, and a 100 Continue recorded before its request travels
 * with it. Each input remembers the outputs of its last {@value #TRACKED_IDS} ids (least recently used
 * forgotten).
 *
 * <p>The turn is shared by every input; each input deals through a {@link Hand} of its own.
 */
final class SplitDealer {
    /** Ids per input whose requests' outputs are remembered for their responses. */
    static final int TRACKED_IDS = 65_536;

    private final List<OutputWorker> workers;
    private final boolean bySession;
    private final AtomicLong turn = new AtomicLong();

    /**
     * A dealer over {@code workers}, which must not be empty; {@code bySession}: a request goes to the
     * output its session hashes to (FNV-32a of {@link SessionKey}, as GoReplay's sticky TCP output), not
     * the next in turn.
     */
    SplitDealer(List<OutputWorker> workers, boolean bySession) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("nothing to deal to");
        }
        this.workers = List.copyOf(workers);
        this.bySession = bySession;
    }

    SplitDealer(List<OutputWorker> workers) {
        this(workers, false);
    }

    /** One input's hand: it remembers where that input's requests went. Only that input's reader uses it. */
    Hand hand() {
        return new Hand(new ResponseVerdicts(TRACKED_IDS, workers.size()));
    }

    final class Hand {
        private final ResponseVerdicts dealt;

        private Hand(ResponseVerdicts dealt) {
            this.dealt = dealt;
        }

        /**
         * The output for a message among {@code targets} (some of the dealer's outputs, not empty): a
         * request to the next in turn, remembered by id; a response to its request's output, or when
         * that is unknown (or not a target), to the output the next request will go to.
         */
        OutputWorker deal(Message message, List<OutputWorker> targets) {
            if (message.isRequest()) {
                long pick = bySession ? Integer.toUnsignedLong(Fnv32a.hash(SessionKey.of(message.id()), 0,
                        SessionKey.of(message.id()).length())) : turn.getAndIncrement();
                OutputWorker target = targets.get((int) Math.floorMod(pick, (long) targets.size()));
                dealt.request(message.id(), workers.indexOf(target));
                return target;
            }
            int index = dealt.responseVerdict(message.id(), message.type(), InterimResponse.startsPayload(message.payload()));
            if (index != ResponseVerdicts.UNKNOWN && targets.contains(workers.get(index))) {
                return workers.get(index);
            }
            return targets.get((int) Math.floorMod(turn.get(), (long) targets.size()));
        }
    }
}
