package rxpush.subscription.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** How instances find each other's admin API, and the fix shown for a mailbox's last error. */
class PeersAndFixesTest {

    @Test
    void theAdminUrlIsTheMembersHostAndTheAdvertisedPort() {
        assertThat(Peers.adminUrl("/10.0.3.7", "rxpush-subscription-host-42-owner-admin8081"))
                .isEqualTo(URI.create("http://10.0.3.7:8081"));
        assertThat(Peers.adminUrl("/0:0:0:0:0:0:0:1", "rxpush-subscription-h-1-owner-admin9000"))
                .isEqualTo(URI.create("http://[0:0:0:0:0:0:0:1]:9000"));
        assertThat(Peers.adminUrl("/10.0.3.7", "rxpush-subscription-host-42-owner")).as("advertises none").isNull();
    }

    @Test
    void knownErrorsGetTheirFixAndUnknownOnesPointAtTheLog() {
        assertThat(Fixes.forError(null)).isNull();
        assertThat(Fixes.forError("ErrorImpersonateUserDenied: the account does not have permission"))
                .contains("ApplicationImpersonation");
        assertThat(Fixes.forError("Graph answered 403 Authorization_RequestDenied")).contains("Calendars.Read");
        assertThat(Fixes.forError("ErrorNonExistentMailbox")).contains("Exchange does not know this mailbox");
        assertThat(Fixes.forError("silent for longer than status-frequency + status-grace"))
                .contains("resubscribed automatically");
        assertThat(Fixes.forError("ErrorServerBusy")).startsWith("Nothing");
        assertThat(Fixes.forError("something new")).contains("log");
    }
}
