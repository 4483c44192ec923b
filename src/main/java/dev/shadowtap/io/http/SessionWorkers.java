package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.SessionKey;
import dev.shadowtap.pipeline.Message;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@code --recognize-tcp-sessions}: every recorded client connection (a session, {@link SessionKey})
 * is replayed on a target connection of its own, driven by a virtual thread of its own: its requests
 * in the order they came, each sent once the one before was answered, as the original client did.
 * Sessions that overlapped in the recording overlap here. A session's connection closes once the
 * session has had nothing to send for {@code workerTimeout} (the recording does not say which request
 * was a connection's last), or at shutdown.
 */
final class SessionWorkers implements ReplayWorkers {
    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Connector connector;
    private final Watchdog watchdog;
    private final Outcomes outcomes;
    private final Consumer<Message> done;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    SessionWorkers(HttpReplayConfig config, ReplayTarget target, Connector connector, Outcomes outcomes, Consumer<Message> done) {
        this.config = config;
        this.target = target;
        this.connector = connector;
        this.watchdog = new Watchdog("output-http-watchdog " + target.address());
        this.outcomes = outcomes;
        this.done = done;
    }

    /** One recorded connection's requests, waiting for its thread. */
    private final class Session {
        final String key;
        final ReentrantLock lock = new ReentrantLock();
        final Condition more = lock.newCondition();
        final ArrayDeque<Message> requests = new ArrayDeque<>();
        /** Set under the lock when the thread has given up: a new request then starts a new session. */
        boolean over;
        Thread thread;

        Session(String key) {
            this.key = key;
        }

        /** Queues a request; false when the session is over. */
        boolean offer(Message m) {
            lock.lock();
            try {
                if (over) {
                    return false;
                }
                requests.addLast(m);
                more.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** The next request, or null when none came for {@code idleNanos} (the session is then over). */
        Message take(long idleNanos) throws InterruptedException {
            lock.lock();
            try {
                long left = idleNanos;
                while (requests.isEmpty() && !stopping && left > 0) {
                    left = more.awaitNanos(left);
                }
                Message m = requests.pollFirst();
                if (m == null) {
                    over = true;
                    sessions.remove(key, this);
                }
                return m;
            } finally {
                lock.unlock();
            }
        }

        int drop() {
            lock.lock();
            try {
                int n = 0;
                for (Message m; (m = requests.pollFirst()) != null; n++) {
                    queued.decrementAndGet();
                    done.accept(m);
                }
                more.signal();
                return n;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void submit(Message request) {
        queued.incrementAndGet();
        String key = SessionKey.of(request.id());
        while (true) {
            Session s = sessions.computeIfAbsent(key, this::start);
            if (s.offer(request)) {
                return;
            }
            sessions.remove(key, s); // it was just over: a new one takes the request
        }
    }

    private Session start(String key) {
        Session s = new Session(key);
        s.thread = Thread.ofVirtual().name("output-http-session " + target.address()).start(() -> run(s));
        return s;
    }

    private void run(Session s) {
        long idleNanos = config.timeouts().workerIdle().toNanos();
        try (RequestSender sender = new RequestSender(config, target, connector, watchdog, outcomes)) {
            for (Message m; (m = s.take(idleNanos)) != null; ) {
                queued.decrementAndGet();
                inFlight.incrementAndGet();
                try {
                    sender.send(m);
                } catch (RuntimeException e) {
                    outcomes.failed(Reason.INTERNAL_ERROR, String.valueOf(e));
                } finally {
                    inFlight.decrementAndGet();
                    done.accept(m);
                }
            }
        } catch (InterruptedException e) {
            s.drop();
        }
    }

    @Override
    public int queued() {
        return queued.get();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public int workers() {
        return sessions.size();
    }

    @Override
    public int dropQueued() {
        int n = 0;
        for (Session s : sessions.values()) {
            n += s.drop();
        }
        return n;
    }

    @Override
    public int shutdown() {
        stopping = true;
        int unsent = dropQueued();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        for (Session s : sessions.values()) {
            joinUntil(s.thread, deadline);
        }
        sessions.values().forEach(s -> s.thread.interrupt());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (Session s : sessions.values()) {
            joinUntil(s.thread, deadline);
        }
        watchdog.close();
        return unsent;
    }

    private static void joinUntil(Thread t, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            if (left > 0) {
                t.join(java.time.Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
