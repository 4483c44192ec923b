package dev.shadowtap.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.html of a real replay in a real headless Chromium (Debian's chromium and chromium-driver):
 * two real services (the JDK's HttpServer) whose answers differ in a JSON field, A's traffic recorded
 * and replayed to B with {@code --compare-report}, then the file opened: the latency charts are drawn,
 * the differing pair is shown whole with its path marked, the filter hides the other endpoints, a
 * hostile body runs nothing, and the console stays clean; the same for a merge of two such reports.
 * Screenshots go to target/screenshots/.
 */
class CompareReportBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** A field name and a value that would run script if the report did not escape them. */
    private static final String EVIL = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

    @TempDir
    Path dir;
    private WebDriver browser;
    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(1400, 1200, "--allow-file-access-from-files");
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        servers.forEach(s -> s.stop(0));
    }

    /**
     * One version of the service: products (B adds 0.5 to even prices; both stamp generated_at), users
     * (the same in both), notes (B changes a field whose name and value are hostile).
     */
    private HttpServer service(boolean versionB) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/products/", x -> {
            int id = Integer.parseInt(last(x));
            double price = 10 + id + (versionB && id % 2 == 0 ? 0.5 : 0);
            json(x, "{\"id\":" + id + ",\"name\":\"Product " + id + "\",\"price\":" + price + ",\"tags\":[\"new\",\"eu\"],"
                    + "\"stock\":{\"level\":5,\"warehouse\":\"north\"},\"generated_at\":\"" + Instant.now() + "\"}");
        });
        server.createContext("/api/users/", x -> json(x, "{\"id\":\"" + last(x) + "\",\"roles\":[\"reader\"]}"));
        server.createContext("/api/notes/", x -> json(x, "{\"id\":" + last(x) + ",\"" + EVIL.replace("\"", "\\\"")
                + "\":\"" + (versionB ? "B " : "A ") + EVIL.replace("\"", "\\\"") + "\"}"));
        server.start();
        servers.add(server);
        return server;
    }

    private static String last(HttpExchange x) {
        String path = x.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void json(HttpExchange x, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** Records A's answers to {@code products} products, 3 users and 2 notes; replays them to B into {@code report}. */
    private Path replay(HttpServer a, HttpServer b, String name, int from, int products) throws IOException {
        Exchanges recorder = new Exchanges();
        int port = a.getAddress().getPort();
        for (int i = from; i < from + products; i++) {
            recorder.send(port, Exchanges.get("/api/products/" + i));
        }
        for (int i = 0; i < 3; i++) {
            recorder.send(port, Exchanges.get("/api/users/" + (100 + from + i)));
        }
        recorder.send(port, Exchanges.get("/api/notes/" + from));
        recorder.send(port, Exchanges.get("/api/notes/" + (from + 1)));
        Path recording = Gor.write(dir.resolve(name + ".gor"), recorder.records());
        Path report = dir.resolve(name);
        Run run = Run.of("--input-file", recording + "|10000%", "--output-http",
                "http://127.0.0.1:" + b.getAddress().getPort(), "--output-http-track-response", "--compare-report",
                report.toString());
        assertThat(run.err()).as(run.err()).contains("compare: compared " + (products + 5) + " of");
        return report;
    }

    @Test
    void theReportOfARealReplayDrawsItsChartsShowsThePairAndFiltersByEndpoint() throws Exception {
        Path report = replay(service(false), service(true), "report", 1, 12);

        open(report);
        assertCharts(3);
        WebElement products = section("GET /api/products/{id}");
        assertThat(products.findElements(By.cssSelector(".pair .side"))).hasSize(2);
        List<WebElement> marked = products.findElements(By.cssSelector(".pair mark.real"));
        assertThat(marked).extracting(WebElement::getText).containsExactly("  \"price\": 12.0,", "  \"price\": 12.5,");
        assertThat(products.findElements(By.cssSelector(".pair mark.noisy"))).extracting(WebElement::getText)
                .filteredOn(t -> !t.startsWith("Date: ")) // the Date header too when a second turned between them
                .hasSize(2).allMatch(t -> t.startsWith("  \"generated_at\": \"20"));
        // both bodies whole: the unchanged lines too, indented
        List<WebElement> bodies = products.findElements(By.cssSelector(".pair pre.body"));
        assertThat(bodies).hasSize(2);
        for (WebElement body : bodies) {
            assertThat(body.getText()).contains("\"id\": 2,", "\"tags\": [", "\"warehouse\": \"north\"");
        }
        // a marked line sits beside the other side's: the two columns are side by side
        assertThat(marked.get(1).getLocation().getX()).isGreaterThan(marked.get(0).getLocation().getX() + 300);
        assertThat(marked.get(1).getLocation().getY()).isEqualTo(marked.get(0).getLocation().getY());
        screenshot("compare-report.png");
        scrollTo(products);
        screenshot("compare-report-pair.png");

        // the hostile field is shown as text, and ran nothing
        WebElement notes = section("GET /api/notes/{id}");
        assertThat(notes.findElement(By.cssSelector(".pair mark.real")).getText())
                .contains(EVIL.replace("\"", "\\\"")); // as JSON text: its quotes escaped
        assertThat(script("return window.__xss === undefined;")).isEqualTo(true);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();

        // typing in the filter hides the other endpoints' rows and sections
        WebElement filter = browser.findElement(By.id("filter"));
        assertThat(filter.isDisplayed()).isTrue();
        scrollTo(filter);
        filter.sendKeys("users");
        assertThat(visible("#endpoints tr[data-endpoint]")).containsExactly("GET /api/users/{id}");
        assertThat(visible("section[data-endpoint]")).containsExactly("GET /api/users/{id}");
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("1 of 3 endpoints shown");
        screenshot("compare-report-filtered.png");
        filter.clear();
        filter.sendKeys("API/");
        assertThat(visible("section[data-endpoint]")).hasSize(3);

        assertNoConsoleMessages();
    }

    @Test
    void theMergedReportOfTwoReplayersHasTheChartsAndThePairToo() throws Exception {
        HttpServer a = service(false);
        HttpServer b = service(true);
        Path one = replay(a, b, "r1", 1, 6);
        // each recorder numbers its ids from the same start: the pair kept is r1's product 2 (id 2nd, then by request)
        Path two = replay(a, b, "r2", 31, 6);
        Path merged = dir.resolve("merged");
        Run run = Run.of("compare-merge", merged.toString(), one.toString(), two.toString());
        assertThat(run.status()).as(run.err()).isIn(0, 1);

        open(merged);
        assertCharts(3);
        WebElement products = section("GET /api/products/{id}");
        assertThat(products.findElement(By.tagName("svg")).getText()).contains("reference (wire, at capture): 12 responses");
        assertThat(products.findElements(By.cssSelector(".pair mark.real"))).extracting(WebElement::getText)
                .containsExactly("  \"price\": 12.0,", "  \"price\": 12.5,");
        screenshot("compare-report-merged.png");
        assertNoConsoleMessages();
    }

    private void open(Path report) {
        Path html = report.resolve("report.html");
        assertThat(html).exists();
        browser.get(html.toUri().toString());
    }

    /** Every endpoint has a chart with both curves and their percentile points. */
    private void assertCharts(int endpoints) {
        List<WebElement> charts = browser.findElements(By.cssSelector("section svg.chart"));
        assertThat(charts).hasSize(endpoints);
        for (WebElement chart : charts) {
            assertThat(chart.getSize().getWidth()).isGreaterThan(500);
            assertThat(chart.findElements(By.cssSelector("path.ref"))).hasSize(1);
            assertThat(chart.findElements(By.cssSelector("path.cand"))).hasSize(1);
            assertThat(chart.findElements(By.cssSelector("circle"))).hasSize(4);
            Object length = script("return arguments[0].querySelector('path.cand').getTotalLength();", chart);
            assertThat(((Number) length).doubleValue()).isGreaterThan(100);
        }
    }

    private WebElement section(String endpoint) {
        return browser.findElements(By.cssSelector("section[data-endpoint]")).stream()
                .filter(s -> endpoint.equals(s.getDomAttribute("data-endpoint"))).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + endpoint));
    }

    private List<String> visible(String css) {
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
                .map(e -> e.getDomAttribute("data-endpoint")).toList();
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    private void scrollTo(WebElement e) {
        script("arguments[0].scrollIntoView({block: 'start'});", e);
    }

    private void assertNoConsoleMessages() {
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("console messages").isEmpty();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
