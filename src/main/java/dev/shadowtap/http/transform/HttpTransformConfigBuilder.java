package dev.shadowtap.http.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects GoReplay flag values, one call per occurrence, into an {@link HttpTransformConfig}. Each
 * method takes the flag's value exactly as typed and throws an IllegalArgumentException with a
 * one-line reason naming the flag when it cannot be read. Not thread-safe; build once.
 */
public final class HttpTransformConfigBuilder {
    private final List<String> allowMethods = new ArrayList<>();
    private final List<Pattern> allowUrls = new ArrayList<>();
    private final List<Pattern> disallowUrls = new ArrayList<>();
    private final List<HeaderFilter> allowHeaders = new ArrayList<>();
    private final List<HeaderFilter> disallowHeaders = new ArrayList<>();
    private final List<Pattern> basicAuthFilters = new ArrayList<>();
    private final List<HashLimiter> headerLimiters = new ArrayList<>();
    private final List<HashLimiter> paramLimiters = new ArrayList<>();
    private final List<HeaderValue> setHeaders = new ArrayList<>();
    private final List<HeaderValue> setParams = new ArrayList<>();
    private final List<UrlRewrite> urlRewrites = new ArrayList<>();
    private final List<HeaderRewrite> headerRewrites = new ArrayList<>();
    private int maxTrackedIds = HttpTransformConfig.DEFAULT_MAX_TRACKED_IDS;

    public HttpTransformConfigBuilder allowMethod(String method) {
        String m = method.strip();
        if (m.isEmpty()) {
            throw new IllegalArgumentException("--http-allow-method: empty method");
        }
        allowMethods.add(m);
        return this;
    }

    public HttpTransformConfigBuilder allowUrl(String regex) {
        allowUrls.add(GoRegex.compile(regex, "--http-allow-url"));
        return this;
    }

    public HttpTransformConfigBuilder disallowUrl(String regex) {
        disallowUrls.add(GoRegex.compile(regex, "--http-disallow-url"));
        return this;
    }

    public HttpTransformConfigBuilder allowHeader(String spec) {
        allowHeaders.add(HeaderFilter.parse(spec, "--http-allow-header"));
        return this;
    }

    public HttpTransformConfigBuilder disallowHeader(String spec) {
        disallowHeaders.add(HeaderFilter.parse(spec, "--http-disallow-header"));
        return this;
    }

    public HttpTransformConfigBuilder basicAuthFilter(String regex) {
        basicAuthFilters.add(GoRegex.compile(regex, "--http-basic-auth-filter"));
        return this;
    }

    public HttpTransformConfigBuilder headerLimiter(String spec) {
        headerLimiters.add(HashLimiter.parse(spec, "--http-header-limiter"));
        return this;
    }

    public HttpTransformConfigBuilder paramLimiter(String spec) {
        paramLimiters.add(HashLimiter.parse(spec, "--http-param-limiter"));
        return this;
    }

    public HttpTransformConfigBuilder setHeader(String spec) {
        setHeaders.add(HeaderValue.parseHeader(spec, "--http-set-header"));
        return this;
    }

    public HttpTransformConfigBuilder setParam(String spec) {
        setParams.add(HeaderValue.parseParam(spec, "--http-set-param"));
        return this;
    }

    public HttpTransformConfigBuilder rewriteUrl(String spec) {
        urlRewrites.add(UrlRewrite.parse(spec, "--http-rewrite-url"));
        return this;
    }

    public HttpTransformConfigBuilder rewriteHeader(String spec) {
        headerRewrites.add(HeaderRewrite.parse(spec, "--http-rewrite-header"));
        return this;
    }

    public HttpTransformConfigBuilder maxTrackedIds(int max) {
        maxTrackedIds = max;
        return this;
    }

    public HttpTransformConfig build() {
        return new HttpTransformConfig(allowMethods, allowUrls, disallowUrls, allowHeaders, disallowHeaders,
                basicAuthFilters, headerLimiters, paramLimiters, setHeaders, setParams, urlRewrites, headerRewrites,
                maxTrackedIds);
    }
}
