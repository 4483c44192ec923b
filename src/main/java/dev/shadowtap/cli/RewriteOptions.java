package dev.shadowtap.cli;

import java.util.List;

/** The request rewrites in command-line order, and {@code --prettify-http}. */
public record RewriteOptions(List<HeaderValue> setHeaders, List<ParamValue> setParams, List<UrlRewrite> urlRewrites,
                             List<HeaderRewrite> headerRewrites, boolean prettify) {
    public RewriteOptions {
        setHeaders = List.copyOf(setHeaders);
        setParams = List.copyOf(setParams);
        urlRewrites = List.copyOf(urlRewrites);
        headerRewrites = List.copyOf(headerRewrites);
    }
}
