/**
 * GoReplay's request filters, rewrites and consistent sampling over raw request bytes
 * ({@code --http-allow-method}, {@code --http-allow-url}, {@code --http-disallow-url},
 * {@code --http-allow-header}, {@code --http-disallow-header}, {@code --http-basic-auth-filter},
 * {@code --http-set-header}, {@code --http-set-param}, {@code --http-rewrite-url},
 * {@code --http-rewrite-header}, {@code --http-header-limiter}, {@code --http-param-limiter}).
 *
 * <p>Entry points: {@link dev.shadowtap.http.transform.HttpTransformConfigBuilder} (one call per flag
 * occurrence, the value as typed) builds a {@link dev.shadowtap.http.transform.HttpTransformConfig};
 * {@link dev.shadowtap.http.transform.HttpTransform} applies it as a
 * {@link dev.shadowtap.pipeline.Transform}. Each rule is its own small class; the request head is
 * parsed once by {@link dev.shadowtap.http.HttpHead} and shared.
 *
 * <p>Where this differs from GoReplay on purpose: methods compare ignoring case; URL regexes also see
 * {@code Host + target} (GoReplay's help promises the domain, its code only matches the target); a
 * missing header skips only its own rewrite-header rule; base64 that does not decode fails the
 * basic-auth filter; bad flag values are errors instead of silent zeros; requests GoReplay would not
 * recognise (unknown method) are still filtered. Regexes run on java.util.regex (Go's
 * {@code (?P<name>)} accepted), text is ISO-8859-1 (one char per byte), no percent-decoding.
 */
package dev.shadowtap.http.transform;
