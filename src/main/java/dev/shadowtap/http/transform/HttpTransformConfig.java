package dev.shadowtap.http.transform;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed filter, rewrite and sampling flags, in flag order within each list. Build the parts with
 * {@code HeaderFilter.parse}, {@code HeaderValue.parseHeader/parseParam}, {@code UrlRewrite.parse},
 * {@code HeaderRewrite.parse}, {@code HashLimiter.parse} and {@link #regex}; each throws an
 * IllegalArgumentException with a one-line reason naming the flag.
 *
 * @param allowMethods     {@code --http-allow-method}
 * @param allowUrls        {@code --http-allow-url}
 * @param disallowUrls     {@code --http-disallow-url}
 * @param allowHeaders     {@code --http-allow-header}
 * @param disallowHeaders  {@code --http-disallow-header}
 * @param basicAuthFilters {@code --http-basic-auth-filter}
 * @param headerLimiters   {@code --http-header-limiter}
 * @param paramLimiters    {@code --http-param-limiter}
 * @param setHeaders       {@code --http-set-header}
 * @param setParams        {@code --http-set-param}
 * @param urlRewrites      {@code --http-rewrite-url}
 * @param headerRewrites   {@code --http-rewrite-header}
 * @param maxTrackedIds    ids whose request verdicts are remembered to drop the responses of dropped
 *                         requests (least recently used ids are forgotten beyond it)
 */
public record HttpTransformConfig(List<String> allowMethods, List<Pattern> allowUrls, List<Pattern> disallowUrls,
                                  List<HeaderFilter> allowHeaders, List<HeaderFilter> disallowHeaders,
                                  List<Pattern> basicAuthFilters, List<HashLimiter> headerLimiters,
                                  List<HashLimiter> paramLimiters, List<HeaderValue> setHeaders,
                                  List<HeaderValue> setParams, List<UrlRewrite> urlRewrites,
                                  List<HeaderRewrite> headerRewrites, int maxTrackedIds) {
    public static final int DEFAULT_MAX_TRACKED_IDS = 100_000;
    public static final HttpTransformConfig NONE = new HttpTransformConfig(List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            DEFAULT_MAX_TRACKED_IDS);

    public HttpTransformConfig {
        allowMethods = List.copyOf(allowMethods);
        allowUrls = List.copyOf(allowUrls);
        disallowUrls = List.copyOf(disallowUrls);
        allowHeaders = List.copyOf(allowHeaders);
        disallowHeaders = List.copyOf(disallowHeaders);
        basicAuthFilters = List.copyOf(basicAuthFilters);
        headerLimiters = List.copyOf(headerLimiters);
        paramLimiters = List.copyOf(paramLimiters);
        setHeaders = List.copyOf(setHeaders);
        setParams = List.copyOf(setParams);
        urlRewrites = List.copyOf(urlRewrites);
        headerRewrites = List.copyOf(headerRewrites);
        if (maxTrackedIds < 1) {
            throw new IllegalArgumentException("maxTrackedIds must be at least 1, got " + maxTrackedIds);
        }
        for (String m : allowMethods) {
            if (m.isBlank()) {
                throw new IllegalArgumentException("--http-allow-method: empty method");
            }
        }
    }

    /** Compiles a {@code --http-allow-url}, {@code --http-disallow-url} or {@code --http-basic-auth-filter} regex. */
    public static Pattern regex(String regex, String flag) {
        return GoRegex.compile(regex, flag);
    }

    /** True when some rule can drop a request (so responses of dropped requests must be tracked). */
    public boolean filters() {
        return !allowMethods.isEmpty() || !allowUrls.isEmpty() || !disallowUrls.isEmpty() || !allowHeaders.isEmpty()
                || !disallowHeaders.isEmpty() || !basicAuthFilters.isEmpty() || !headerLimiters.isEmpty()
                || !paramLimiters.isEmpty();
    }

    /** True when some rule can change a request. */
    public boolean rewrites() {
        return !setHeaders.isEmpty() || !setParams.isEmpty() || !urlRewrites.isEmpty() || !headerRewrites.isEmpty();
    }

    /**
     * True when {@code --http-set-header} sets Host (any case): then an {@code --output-http} keeps the
     * request's Host, as GoReplay switches to {@code --http-original-host} (its fix of issue 174, which
     * matches only the spelling {@code Host}).
     */
    public boolean setsHost() {
        return setHeaders.stream().anyMatch(h -> h.name().equalsIgnoreCase("Host"));
    }

    /** True when {@code --http-rewrite-header} rewrites Host (any case): GoReplay's output still sends its own. */
    public boolean rewritesHost() {
        return headerRewrites.stream().anyMatch(h -> h.name().equalsIgnoreCase("Host"));
    }

    public boolean isEmpty() {
        return !filters() && !rewrites();
    }

    /** A copy with {@code maxTrackedIds} replaced. */
    public HttpTransformConfig withMaxTrackedIds(int max) {
        return new HttpTransformConfig(allowMethods, allowUrls, disallowUrls, allowHeaders, disallowHeaders,
                basicAuthFilters, headerLimiters, paramLimiters, setHeaders, setParams, urlRewrites, headerRewrites, max);
    }
}
