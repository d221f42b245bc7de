package rxpush.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminAccessTest {

    private static final String BEARER = "Bearer s3cret-token";
    private final AdminAccess access = new AdminAccess("s3cret-token", Set.of("admin.internal.example"));

    @Test
    void theTokenAndALoopbackHostAllowARead() {
        assertThat(access.check("GET", "/api/mailboxes", "127.0.0.1:8081", BEARER, null).allowed()).isTrue();
        assertThat(access.check("GET", "/api/mailboxes", "localhost", BEARER, null).allowed()).isTrue();
        assertThat(access.check("GET", "/api/mailboxes", "[::1]:8081", BEARER, null).allowed()).isTrue();
        assertThat(access.check("GET", "/api/mailboxes", "ADMIN.internal.example:443", BEARER, null).allowed()).isTrue();
    }

    @Test
    void withoutTheRightTokenIts401() {
        assertThat(access.check("GET", "/api/mailboxes", "localhost:8081", null, null).status()).isEqualTo(401);
        assertThat(access.check("GET", "/api/mailboxes", "localhost:8081", "Bearer wrong", null).status()).isEqualTo(401);
        assertThat(access.check("GET", "/api/mailboxes", "localhost:8081", "Basic czNjcmV0LXRva2Vu", null).status())
                .isEqualTo(401);
        assertThat(access.check("GET", "/actuator/info", "localhost:8081", null, null).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "attacker.example:8081", "localhost.attacker.example", "127.0.0.1.nip.io",
            "10.0.0.5.attacker.example", "fe80::1.attacker.example", ""})
    void aForeignHostIsRefusedEvenWithTheToken(String host) {
        assertThat(access.check("POST", "/api/mailboxes", host, BEARER, "application/json").status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5:8081", "172.18.0.7", "[fd00::7]:8081", "127.0.0.1:8081", "[::1]"})
    void anIpLiteralHostCannotBeReboundAndIsAllowedWithTheToken(String host) {
        assertThat(access.check("POST", "/api/mailboxes", host, BEARER, "application/json").allowed()).isTrue();
        assertThat(access.check("POST", "/api/mailboxes", host, null, "application/json").status()).isEqualTo(401);
    }

    @Test
    void probesAndScrapesOfEachServiceBehindTheGatewayAreOpen() {
        assertThat(access.check("GET", "/actuator/ingress/health/liveness", "10.0.0.5", null, null).allowed()).isTrue();
        assertThat(access.check("GET", "/actuator/forwarder/prometheus", "localhost", null, null).allowed()).isTrue();
        assertThat(access.check("GET", "/actuator/forwarder/env", "localhost", null, null).status()).isEqualTo(401);
        assertThat(access.check("POST", "/actuator/ingress/health", "localhost", null, "application/json").status())
                .isEqualTo(401);
    }

    @Test
    void aStateChangeMustBeJson() {
        assertThat(access.check("POST", "/api/mailboxes/a@b.c/resync", "localhost", BEARER, null).status()).isEqualTo(415);
        assertThat(access.check("POST", "/api/mailboxes", "localhost", BEARER, "text/plain").status()).isEqualTo(415);
        assertThat(access.check("POST", "/api/mailboxes", "localhost", BEARER, "application/x-www-form-urlencoded").status())
                .isEqualTo(415);
        assertThat(access.check("POST", "/api/mailboxes", "localhost", BEARER, "application/json; charset=utf-8").allowed())
                .isTrue();
        assertThat(access.check("DELETE", "/api/mailboxes/a@b.c", "localhost", BEARER, null).allowed()).isTrue();
    }

    @Test
    void healthAndMetricsAreOpenForProbesAndScrapersButNothingElseIs() {
        assertThat(access.check("GET", "/actuator/health/readiness", "10.0.0.5:8081", null, null).allowed()).isTrue();
        assertThat(access.check("GET", "/actuator/prometheus", "10.0.0.5:8081", null, null).allowed()).isTrue();
        assertThat(access.check("POST", "/actuator/health", "10.0.0.5:8081", null, "application/json").allowed()).isFalse();
        assertThat(access.check("GET", "/actuator/healthz", "localhost", null, null).allowed()).isFalse();
    }
}
