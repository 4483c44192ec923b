package dev.shadowtap.cli;

import java.util.List;
import java.util.regex.Pattern;

/** The request filters, each list in command-line order; empty lists filter nothing. */
public record FilterOptions(List<String> allowMethods, List<Pattern> allowUrls, List<Pattern> disallowUrls,
                            List<HeaderFilter> allowHeaders, List<HeaderFilter> disallowHeaders,
                            List<Pattern> basicAuth) {
    public FilterOptions {
        allowMethods = List.copyOf(allowMethods);
        allowUrls = List.copyOf(allowUrls);
        disallowUrls = List.copyOf(disallowUrls);
        allowHeaders = List.copyOf(allowHeaders);
        disallowHeaders = List.copyOf(disallowHeaders);
        basicAuth = List.copyOf(basicAuth);
    }
}
