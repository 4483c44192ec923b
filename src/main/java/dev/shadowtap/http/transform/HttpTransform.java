package dev.shadowtap.http.transform;

import dev.shadowtap.core.InterimResponse;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.ResponseVerdicts;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * GoReplay's HTTP filters, rewrites and consistent sampling over raw request bytes, and the dropping
 * of the responses of dropped requests. Each request head is parsed once and shared by every rule.
 *
 * <p>Order, as GoReplay's {@code http_modifier.go} applies it: method filter; set-header; set-param;
 * allow-url; disallow-url; allow-header; disallow-header; basic-auth; header limiter; param limiter;
 * rewrite-url; rewrite-header. So the URL and header filters and limiters see the values set by
 * {@code --http-set-header} and {@code --http-set-param}, and the original values of rewritten ones.
 *
 * <p>Requests (type 1) are filtered and rewritten; responses (types 2 and 3) pass unless their request
 * was dropped ({@link ResponseVerdicts}). A request whose head cannot be parsed is dropped
 * ({@code unparseable}) when an allow-filter is configured (it cannot allow what it cannot read),
 * else passed unchanged and counted by {@link #unparseablePassed()}. An empty request record (a
 * connection that carried no data) is treated alike but has no response to pair. Nothing throws:
 * an unexpected failure inside a rule (a regex overflowing the stack) drops the request as
 * {@code transform-error}. Drops are counted on the StageStats by reason; passes with their size.
 *
 * <p>Wrap the inputs that carry original traffic (capture, file, tcp, kafka). Do not wrap the replay
 * output's replies: their requests were filtered already, and only passed requests have replies, so
 * pairing them against these verdicts would misalign. Thread-safe; one instance per input is simplest.
 */
public final class HttpTransform implements Transform {
    private final HttpTransformConfig config;
    private final StageStats stats;
    private final List<RequestRule> rules;
    private final boolean dropsUnreadable;
    private final boolean filters;
    private final ResponseVerdicts verdicts;
    private final LongAdder unparseablePassed = new LongAdder();

    public HttpTransform(HttpTransformConfig config, StageStats stats) {
        this.config = Objects.requireNonNull(config, "config");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.rules = rules(config);
        this.dropsUnreadable = rules.stream().anyMatch(RequestRule::dropsUnreadable);
        this.filters = config.filters();
        this.verdicts = new ResponseVerdicts(config.maxTrackedIds());
    }

    private static List<RequestRule> rules(HttpTransformConfig c) {
        List<RequestRule> r = new ArrayList<>();
        if (!c.allowMethods().isEmpty()) {
            r.add(new MethodFilter(c.allowMethods()));
        }
        c.setHeaders().forEach(h -> r.add(new SetHeaderRewrite(h)));
        c.setParams().forEach(p -> r.add(new SetParamRewrite(p)));
        if (!c.allowUrls().isEmpty()) {
            r.add(new UrlAllowFilter(c.allowUrls()));
        }
        if (!c.disallowUrls().isEmpty()) {
            r.add(new UrlDisallowFilter(c.disallowUrls()));
        }
        c.allowHeaders().forEach(f -> r.add(new HeaderAllowFilter(f)));
        c.disallowHeaders().forEach(f -> r.add(new HeaderDisallowFilter(f)));
        c.basicAuthFilters().forEach(p -> r.add(new BasicAuthFilter(p)));
        c.headerLimiters().forEach(l -> r.add(new HeaderHashLimiter(l)));
        c.paramLimiters().forEach(l -> r.add(new ParamHashLimiter(l)));
        if (!c.urlRewrites().isEmpty()) {
            r.add(new UrlRewriter(c.urlRewrites()));
        }
        c.headerRewrites().forEach(h -> r.add(new HeaderRewriter(h)));
        return List.copyOf(r);
    }

    public HttpTransformConfig config() {
        return config;
    }

    @Override
    public Message apply(Message m) {
        // what passes is counted once, by the stage that hands it on; the transform counts its drops
        return m.isRequest() ? request(m) : response(m);
    }

    private Message request(Message m) {
        byte[] payload = m.payload();
        boolean empty = isBlank(payload);
        HttpHead head = empty ? null : parse(payload);
        if (head == null) {
            if (!empty) {
                remember(m, dropsUnreadable);
            }
            if (dropsUnreadable) {
                stats.drop(Reason.UNPARSEABLE);
                return null;
            }
            unparseablePassed.increment();
            return m;
        }
        EditableRequest request = new EditableRequest(payload, head);
        Reason reason;
        byte[] out = null;
        try {
            reason = firstDropReason(request);
            if (reason == null) {
                out = request.toBytes();
            }
        } catch (RuntimeException | StackOverflowError e) {
            reason = Reason.TRANSFORM_ERROR;
        }
        remember(m, reason != null);
        if (reason != null) {
            stats.drop(reason);
            return null;
        }
        return out == payload ? m : m.withPayload(out);
    }

    /** Records a request's verdict for its responses; only needed when some rule can drop. */
    private void remember(Message request, boolean dropped) {
        if (filters) {
            verdicts.request(request.id(), dropped);
        }
    }

    private Reason firstDropReason(EditableRequest request) {
        for (RequestRule rule : rules) {
            Reason reason = rule.apply(request);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private Message response(Message m) {
        if (!filters) {
            return m;
        }
        if (verdicts.dropResponse(m.id(), m.type(), InterimResponse.startsPayload(m.payload()))) {
            stats.drop(Reason.RESPONSE_OF_FILTERED);
            return null;
        }
        return m;
    }

    /** A parsed request head, or null when the bytes do not start with one. */
    private static HttpHead parse(byte[] payload) {
        try {
            HttpHead head = HttpHead.parse(payload);
            return head.request() ? head : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] p) {
        for (byte b : p) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Requests whose head could not be parsed that were passed on unchanged (those dropped count as {@code unparseable}). */
    public long unparseablePassed() {
        return unparseablePassed.sum();
    }

    /** How many ids currently have remembered verdicts (at most {@code maxTrackedIds}). */
    public int trackedIds() {
        return verdicts.trackedIds();
    }
}
