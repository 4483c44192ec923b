package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's page in a real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs), driven by Selenium, on a live run: it loads without a console error, shows the
 * counters /api/stats reports, and follows them without a reload. Screenshots go to
 * target/dashboard-screenshots/.
 */
class DashboardBrowserTest {
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(1280, 1900);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageOfARunningReplayShowsItsCountersAndFollowsThemWithoutAReload() throws Exception {
        try (DashboardRun run = DashboardRun.start()) {
            run.sendAndSettle(6);
            browser.get(run.dashboard().toString());
            JsonNode stats = run.stats();
            String input = stats.get("stages").get(0).get("name").asText();
            String output = stats.get("replays").get(0).get("stage").asText();
            awaitText(input + "|messages", stats.get("stages").get(0).get("messages").asLong());
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("live");

            // every counter the page shows by key is the one /api/stats reports
            for (JsonNode stage : stats.get("stages")) {
                assertThat(number(stage.get("name").asText() + "|messages")).as(stage.get("name").asText())
                        .isEqualTo(stage.get("messages").asLong());
                assertThat(number(stage.get("name").asText() + "|dropped")).isEqualTo(stage.get("dropped").asLong());
            }
            JsonNode replay = stats.get("replays").get(0);
            assertThat(number(output + "|sent")).isEqualTo(replay.get("sent").asLong()).isEqualTo(6);
            assertThat(number(output + "|responses.2xx")).isEqualTo(replay.get("responses").get("2xx").asLong());
            assertThat(number("compare|compared")).isEqualTo(stats.get("compare").get("compared").asLong());
            assertThat(number("GET /products/{id}|differing")).isEqualTo(6);
            // the differing field is named, its values are not (no --dashboard-show-payloads)
            String endpoints = browser.findElement(By.id("endpoints")).getText();
            assertThat(endpoints).contains("$.price 6").doesNotContain("19.99", "23.79");
            assertThat(browser.findElements(By.cssSelector("svg.chart polyline"))).isNotEmpty();
            screenshot("dashboard-1.png");

            // a value changes without a reload: a mark set on this page's window is still there after
            ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");
            long before = number(input + "|messages");
            run.sendAndSettle(4);
            long after = run.stats().get("stages").get(0).get("messages").asLong();
            assertThat(after).isEqualTo(before + 8);
            awaitText(input + "|messages", after);
            awaitText(output + "|sent", 10); // a later poll may bring it: the output counts a moment after the input
            assertThat(number(output + "|sent")).isEqualTo(10);
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;")).isEqualTo("yes");
            screenshot("dashboard-2.png");

            List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
            assertThat(console).as("console messages").noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());
        }
    }

    @Test
    void payloadsAppearOnlyWithTheirFlag() throws Exception {
        try (DashboardRun run = DashboardRun.start("--dashboard-show-payloads")) {
            run.sendAndSettle(2);
            browser.get(run.dashboard().toString());
            awaitText("compare|compared", 2);
            String endpoints = browser.findElement(By.id("endpoints")).getText();
            assertThat(endpoints).contains("19.99", "23.79", "GET /products/");
            assertThat(browser.findElement(By.id("privacy")).getText()).isEqualTo("payloads shown");
            screenshot("dashboard-payloads.png");
        }
    }

    private void awaitText(String key, long value) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            if (Long.toString(value).equals(text(key).replace(",", ""))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(key + " never showed " + value + ":\n" + browser.findElement(By.tagName("main")).getText());
    }

    /** The text of the element with this key, read in one script: the page redraws its tables every second. */
    private String text(String key) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector('[data-key=\"' + CSS.escape(arguments[0]) + '\"]'); return e ? e.textContent : '';",
                key);
        return String.valueOf(text);
    }

    private long number(String key) {
        return Long.parseLong(text(key).replace(",", ""));
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
