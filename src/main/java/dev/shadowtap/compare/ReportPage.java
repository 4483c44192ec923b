package dev.shadowtap.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The fixed parts of report.html: its style, the endpoint filter's script and the Content-Security-Policy
 * that lets the page run only these two (by their SHA-256) and fetch nothing: the report shows
 * production data and may be opened from anywhere.
 */
final class ReportPage {
    static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f3f3f3} .bad{color:#b00020;font-weight:600} .ok{color:#1b5e20}
            .noise{color:#777} code,pre{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;margin:0}
            [hidden]{display:none !important}
            #filterbox input{font:inherit;padding:.3em .5em;width:24em}
            section.endpoint{border-top:2px solid #ddd;margin-top:2em}
            figure{margin:.5em 0 1em} figcaption{font-size:12px;color:#555;max-width:640px}
            svg.chart{background:#fff;border:1px solid #ddd}
            svg .grid{stroke:#e4e4e4;stroke-width:1} svg .grid.minor{stroke:#f2f2f2}
            svg .tick,svg .legend{font:11px system-ui,sans-serif;fill:#444} svg .axis{font:12px system-ui,sans-serif;fill:#222}
            svg path.ref,svg path.cand,svg line.ref,svg line.cand{fill:none;stroke-width:2}
            svg .ref{stroke:#1f5fbf} svg circle.ref{fill:#1f5fbf} svg .cand{stroke:#d9480f} svg circle.cand{fill:#d9480f}
            .sbs{display:grid;grid-template-columns:1fr 1fr;gap:1em}
            .side{min-width:0;border:1px solid #ddd;padding:.5em;background:#fafafa}
            .side h4{margin:0 0 .4em}
            .side pre{background:#fff;border:1px solid #eee;padding:.4em;overflow:auto;max-height:36em}
            .side pre.head{max-height:12em;margin-bottom:.4em}
            mark{display:inline-block;width:100%} mark.real{background:#ffd8a8} mark.noisy{background:#eceff1;color:#555}
            code.real{background:#ffd8a8} code.noisy{background:#eceff1} .note{font-size:12px;color:#555;margin:.2em 0}
            """;

    /** Hides the table rows and sections of the endpoints whose name does not hold the filter's text. */
    static final String SCRIPT = """
            (function () {
              var box = document.getElementById('filterbox');
              var input = document.getElementById('filter');
              var shown = document.getElementById('shown');
              var rows = document.querySelectorAll('tr[data-endpoint]');
              function apply() {
                var q = input.value.trim().toLowerCase();
                var n = 0;
                document.querySelectorAll('[data-endpoint]').forEach(function (e) {
                  var hit = e.getAttribute('data-endpoint').toLowerCase().indexOf(q) >= 0;
                  e.hidden = !hit;
                  if (hit && e.tagName === 'TR') { n++; }
                });
                shown.textContent = n + ' of ' + rows.length + ' endpoints shown';
              }
              box.hidden = false;
              input.addEventListener('input', apply);
              apply();
            })();
            """;

    /** Nothing but this page's own style and script; no fetch, no form, no base. */
    static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; script-src '" + sha256(SCRIPT)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private ReportPage() {
    }

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Markup.escape(title) + "</title><style>" + STYLE + "</style></head><body>\n";
    }

    /** The filter's input, hidden until its script runs (without script it could not work). */
    static String filter() {
        return "<p id=\"filterbox\" hidden><label>Filter endpoints: <input id=\"filter\" type=\"search\""
                + " placeholder=\"part of an endpoint, e.g. /api/orders\" autocomplete=\"off\"></label>"
                + " <small id=\"shown\"></small></p>\n";
    }

    static String script() {
        return "<script>" + SCRIPT + "</script>\n";
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
