package rxpush.systemtests.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
import rxpush.systemtests.rig.LocalStack;
import rxpush.systemtests.rig.RigClasspath;
import rxpush.systemtests.rig.Role;
import rxpush.systemtests.rig.StackSpec;
import tools.jackson.databind.JsonNode;

/**
 * The per-mailbox status page in a real headless browser (Debian's chromium and chromedriver) against a
 * running stack with simulators and two subscription instances: the page of one instance shows every
 * mailbox (the other instance answers for the ones it owns), an EWS subscription the exchange simulator
 * killed silently shows as LAPSED (Exchange then answers every request ErrorServerBusy, so recovery
 * cannot succeed yet), filtering by LAPSED finds it and its detail names the state and its error.
 * The screenshot is saved as target/status-page.png. Runs with -Preliability (eight processes: the
 * default build proves the page against the one-JVM demo stack, standalone's StatusPageBrowserIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtendedStatusPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int MAILBOXES = 6;
    private static final String VICTIM = "room-2@rig.contoso.com";

    private LocalStack stack;
    private WebDriver browser;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver; "
                        + ".ci/tools.sh installs them): the status page's browser test is skipped");
        stack = LocalStack.start(StackSpec.defaults(RigClasspath.moduleDir().resolve("target/rig-runs/status-page"),
                RigClasspath.of(RigClasspath.moduleDir())).withCounts(1, 1, 2, 1).withGraphRooms(2).withFreePortBase());
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private URI admin(int n) {
        return stack.topology().instances(Role.SUBSCRIPTION).get(n).adminUrl();
    }

    private JsonNode api(String query) {
        return Http.get(admin(0).resolve("/api/mailbox-status?" + query));
    }

    @Test
    void anOperatorSeesEveryMailboxFindsTheLapsedOneAndOpensItsDetail() throws Exception {
        Awaitility.await("every mailbox ACTIVE, through both instances").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    JsonNode page = api("state=ACTIVE");
                    return page.path("total").asInt() == MAILBOXES && page.path("complete").asBoolean();
                });
        assertThat(api("").path("instances")).as("both instances answered").hasSize(2);

        Simulators simulators = new Simulators(stack.exchangeSimulatorUrl(), stack.rxSimulatorUrl());
        simulators.killSubscriptions("ews", VICTIM);
        simulators.exchangeFaults("{\"ewsBusyRate\":1.0,\"ewsBackOff\":\"5s\"}");
        // The rig's EWS watchdog: status-frequency + status-grace = 2 minutes of silence.
        Awaitility.await(VICTIM + " LAPSED").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                .until(() -> api("state=LAPSED").path("total").asInt() == 1);

        browser.get(admin(0).resolve("/status").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(b -> b.findElements(By.cssSelector("#rows tr")).size() == MAILBOXES);
        List<String> shown = browser.findElements(By.cssSelector("#rows tr")).stream()
                .map(row -> row.getDomAttribute("data-address")).toList();
        assertThat(shown).hasSize(MAILBOXES).contains(VICTIM, "room-6@rig.contoso.com");
        assertThat(browser.findElement(By.id("count-LAPSED")).getText()).isEqualTo("LAPSED: 1");

        new Select(browser.findElement(By.id("state"))).selectByVisibleText("LAPSED");
        wait.until(b -> b.findElements(By.cssSelector("#rows tr")).size() == 1);
        WebElement lapsed = browser.findElement(By.cssSelector("#rows tr"));
        assertThat(lapsed.getDomAttribute("data-address")).isEqualTo(VICTIM);

        lapsed.click();
        wait.until(b -> b.findElement(By.id("detail")).isDisplayed()
                && b.findElement(By.id("detail-address")).getText().equals(VICTIM));
        String detail = browser.findElement(By.id("detail")).getText();
        assertThat(detail).contains("LAPSED").contains("EWS").contains("Fix");

        Path shot = RigClasspath.moduleDir().resolve("target/status-page.png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(shot)).isGreaterThan(1000);
    }
}
