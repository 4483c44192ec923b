package dev.shadowtap.io.binary;

import dev.shadowtap.io.session.Sessions;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.io.http.ReplyInput;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * What becomes of each request of {@code --output-binary}, on its session's thread: the connection
 * is made (again, when the target closed it meanwhile, as GoReplay checks before each send), the
 * payload goes out, the reply is read and counted and, when tracking, handed on as a type 3 record
 * with the request's id. A failure is counted by reason and logged the first time in one line naming
 * the target; its connection is closed (a reply that comes late must not pass for the next one's).
 * {@code --output-binary-debug} logs what GoReplay's does (connects, sends, replies, closes), with
 * ids and sizes; payloads are never logged here ({@code --verbose 2} traces every record's first bytes).
 */
final class Exchanges implements Sessions.Work<TargetLink> {
    private final BinaryReplayConfig config;
    private final BinaryReplayStats stats;
    private final Log log;
    private final ReplyInput replies;
    private final Semaphore credits;
    private final String name;
    private final Set<Reason> reported = ConcurrentHashMap.newKeySet();

    Exchanges(BinaryReplayConfig config, BinaryReplayStats stats, Log log, ReplyInput replies, Semaphore credits) {
        this.config = config;
        this.stats = stats;
        this.log = log;
        this.replies = replies;
        this.credits = credits;
        this.name = "output-binary " + config.target().address();
    }

    @Override
    public void handle(Sessions.Session<TargetLink> session, Message request) throws InterruptedException {
        try {
            exchange(session, request);
        } catch (RuntimeException e) {
            failed(request, Reason.INTERNAL_ERROR, String.valueOf(e));
        } finally {
            credits.release();
            request.receipt().release(); // answered, or failed and counted: taken
        }
    }

    private void exchange(Sessions.Session<TargetLink> session, Message request) throws InterruptedException {
        TargetLink link = session.link;
        if (link != null && link.closedByTarget(stats::lateRead)) {
            debug(request, "the target closed the connection, connecting again");
            link.close();
            session.link = link = null;
        }
        if (link == null) {
            try {
                link = TargetLink.open(config.target(), config.timeout(), config.reply().buffer());
            } catch (BinaryFailure f) {
                failed(request, f.reason(), f.getMessage());
                return;
            }
            session.link = link;
            stats.connected();
            debug(request, "connected from local port " + link.localPort());
        }
        long startedEpochNs = nowEpochNanos();
        stats.sent(request.payload().length);
        debug(request, "sending " + request.payload().length + " bytes");
        BinaryReply reply;
        try {
            reply = link.exchange(request.payload());
        } catch (BinaryFailure f) {
            link.close();
            session.link = null;
            debug(request, "disconnected after " + f.reason().label());
            failed(request, f.reason(), f.getMessage());
            return;
        }
        stats.reply(reply);
        if (config.debug()) {
            debug(request, "received " + reply.length() + " bytes, the first after "
                    + String.format(Locale.ROOT, "%.2f", reply.latencyNs() / 1e6) + " ms"
                    + (reply.truncated() ? ", " + reply.payload().length + " kept (truncated)" : ""));
        }
        if (reply.targetClosed()) {
            link.close();
            session.link = null;
            debug(request, "the target closed the connection after its reply");
        }
        if (replies != null) {
            replies.offer(new Message(MessageType.REPLAYED, request.id(), startedEpochNs, reply.latencyNs(),
                    reply.payload(), request.connection()));
        }
    }

    @Override
    public void disconnected(Sessions.Session<TargetLink> session) {
        if (config.debug()) {
            log.info(name + ": session " + session.key + ": disconnected (nothing more to send)");
        }
    }

    private void failed(Message request, Reason reason, String detail) {
        stats.stage().drop(reason);
        if (reported.add(reason)) {
            log.warn(name + ": " + reason.label() + " (" + detail + "); later ones are only counted");
        } else {
            debug(request, reason.label() + " (" + detail + ")");
        }
    }

    private void debug(Message request, String what) {
        if (config.debug()) {
            log.info(name + ": id " + request.id() + ": " + what);
        }
    }

    private static long nowEpochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
