package rxpush.standalone.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import rxpush.simulators.exchange.control.Faults;
import rxpush.testsupport.TestPorts;

/**
 * The per-mailbox status page in a real headless browser (Debian's chromium and chromedriver) against the
 * demo stack: every service, an embedded broker and the Exchange and ResourceXpress simulators in this JVM.
 * (The demo's wiring without its closing drain.) The Exchange simulator kills an EWS subscription silently and then answers every EWS request
 * ErrorServerBusy, so the mailbox lapses and cannot recover yet; the operator sees all six rooms, filters
 * to LAPSED, finds that room and opens its detail. Screenshot: target/status-page.png.
 */
class StatusPageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String VICTIM = "room-102@contoso.demo";

    private static final String ADMIN_TOKEN = "browser-test-admin-token";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anOperatorSeesEveryMailboxFindsTheLapsedOneAndOpensItsDetail() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver; "
                        + ".ci/tools.sh installs them): the status page's browser test is skipped");
        // Another test class may have named a shared broker here, which would mean "external cluster".
        String shared = System.clearProperty("spring.kafka.bootstrap-servers");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        WebDriver browser = null;
        try (DemoEnvironment demo = DemoEnvironment.start(); Launcher launcher = new Launcher().start(List.of(
                "--server.port=0", "--management.server.port=0",
                "--rxpush.standalone.data-dir=" + dataDir, "--rxpush.standalone.kafka-port=" + TestPorts.next(),
                "--rxpush.standalone.kafka-controller-port=" + TestPorts.next(),
                "--rxpush.standalone.summary-interval=0", "--rxpush.admin.token=" + ADMIN_TOKEN,
                // The EWS watchdog after 1 + 1 minutes of silence (status-frequency is 1 in the demo).
                "--rxpush.ews.status-grace=1"), demo::serviceSettings, new PrintStream(console, true))) {
            int admin = launcher.adminPort();
            Awaitility.await("all six rooms ACTIVE").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> get(admin, "/api/mailbox-status?state=ACTIVE").contains("\"total\":6"));

            demo.exchange().ews().killSilently(VICTIM);
            demo.exchange().faults().update(new Faults.State(1.0, Duration.ofSeconds(5), null, null, null, null));
            Awaitility.await(VICTIM + " LAPSED").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> get(admin, "/api/mailbox-status?state=LAPSED").contains("\"total\":1"));

            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), new ChromeOptions().setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1000"));
            // the token in the fragment, as an operator's bookmark would carry it (never sent to the server)
            browser.get("http://127.0.0.1:" + admin + "/status#token=" + ADMIN_TOKEN);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> b.findElements(By.cssSelector("#rows tr")).size() == 6);
            List<String> shown = browser.findElements(By.cssSelector("#rows tr")).stream()
                    .map(row -> row.getDomAttribute("data-address")).toList();
            assertThat(shown).contains(VICTIM, "room-101@contoso.demo", "room-106@contoso.demo");
            assertThat(browser.findElement(By.id("count-LAPSED")).getText()).isEqualTo("LAPSED: 1");

            new Select(browser.findElement(By.id("state"))).selectByVisibleText("LAPSED");
            wait.until(b -> b.findElements(By.cssSelector("#rows tr")).size() == 1);
            WebElement lapsed = browser.findElement(By.cssSelector("#rows tr"));
            assertThat(lapsed.getDomAttribute("data-address")).isEqualTo(VICTIM);

            lapsed.click();
            wait.until(b -> b.findElement(By.id("detail")).isDisplayed()
                    && b.findElement(By.id("detail-address")).getText().equals(VICTIM));
            assertThat(browser.findElement(By.id("detail")).getText()).contains("LAPSED").contains("EWS").contains("Fix");

            Path shot = Path.of("target/status-page.png");
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(shot)).isGreaterThan(1000);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (shared != null) {
                System.setProperty("spring.kafka.bootstrap-servers", shared);
            }
        }
    }
}
