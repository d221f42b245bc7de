package rxpush.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rxpush.testsupport.LoopbackHttp;
import rxpush.testsupport.LoopbackHttp.Answer;

/** mailboxes, status and resync speak the admin API and print its answers readably. */
class AdminVerbsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RxPushCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void addPostsTheLowercasedMailboxAndProtocol() {
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(201, "{\"address\":\"room.1@contoso.com\",\"protocol\":\"GRAPH\"}"))) {
            int exit = run("mailboxes", "add", "Room.1@Contoso.com", "--protocol", "GRAPH", "--admin-url", api.url(""));
            assertThat(exit).isZero();
            assertThat(api.requests).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/api/mailboxes");
                assertThat(r.body()).isEqualTo("{\"address\":\"room.1@contoso.com\",\"protocol\":\"GRAPH\"}");
            });
            assertThat(out.toString()).contains("Added Room.1@Contoso.com (GRAPH).").contains("protocol: GRAPH");
        }
    }

    @Test
    void theTokenFromTheTokenFileIsSentWithEveryCall(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("admin-token"), "cli-token-123\n");
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(202, "{}"))) {
            assertThat(run("resync", "room.1@contoso.com", "--admin-url", api.url(""), "--admin-token-file", tokenFile.toString()))
                    .isZero();
            assertThat(api.requests).singleElement().satisfies(r -> {
                assertThat(r.header("Authorization")).isEqualTo("Bearer cli-token-123");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
            });
        }
    }

    @Test
    void anUnknownProtocolIsRejectedBeforeAnyCall() {
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(201, "{}"))) {
            assertThat(run("mailboxes", "add", "a@b.c", "--protocol", "IMAP", "--admin-url", api.url(""))).isNotZero();
            assertThat(err.toString()).contains("IMAP");
            assertThat(api.requests).isEmpty();
        }
    }

    @Test
    void removeDeletesTheEncodedAddress() {
        try (LoopbackHttp api = new LoopbackHttp(r -> new Answer(204, "application/json", "", java.util.Map.of()))) {
            assertThat(run("mailboxes", "remove", "room+1@contoso.com", "--admin-url", api.url(""))).isZero();
            assertThat(api.requests.get(0).method()).isEqualTo("DELETE");
            assertThat(api.requests.get(0).path()).isEqualTo("/api/mailboxes/room%2B1%40contoso.com");
        }
    }

    private static final String PAGE = """
            {"counts":{"ACTIVE":1,"PENDING":0,"RECOVERING":0,"LAPSED":1,"PARKED":0,"DISABLED":0},"total":2,"offset":0,
             "limit":100,"complete":false,
             "rows":[{"address":"a@b.c","protocol":"EWS","state":"ACTIVE","lag":0,"lastHeartbeatAt":"2026-12-04T10:00:00Z"},
                     {"address":"long.room.name@b.c","protocol":"GRAPH","state":"LAPSED","lag":-1,
                      "expiresAt":"2026-12-05T10:00:00Z","lastError":"Graph removed the subscription",
                      "fix":"Nothing: the subscription is recreated and the mailbox resynced"}],
             "instances":[{"owner":"sub-1","answered":true},{"owner":"sub-2","adminUrl":"http://10.0.0.2:8081",
                           "answered":false,"error":"HttpConnectTimeoutException"}]}
            """;

    @Test
    void statusRendersCountsAndATableWithThePageColumnsAndNamesASilentInstance() {
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(200, PAGE))) {
            assertThat(run("status", "--state", "lapsed", "--search", "room name", "--admin-url", api.url(""))).isZero();
            assertThat(api.requests.get(0).path()).startsWith("/api/mailbox-status?offset=0&limit=100&state=lapsed&q=room%20name");
            assertThat(out.toString()).isEqualTo("""
                    ACTIVE 1  PENDING 0  RECOVERING 0  LAPSED 1  PARKED 0  DISABLED 0
                    2 matching, showing 1-2

                    MAILBOX             PROTOCOL  STATE   EXPIRES               LAST NOTIFICATION  LAST HEARTBEAT        LAST RESYNC  LAG  LAST ERROR                      FIX
                    a@b.c               EWS       ACTIVE  -                     -                  2026-12-04T10:00:00Z  -            0    -                               -
                    long.room.name@b.c  GRAPH     LAPSED  2026-12-05T10:00:00Z  -                  -                     -            ?    Graph removed the subscription  Nothing: the subscription is recreated and the mailbox resynced
                    incomplete: instance sub-2 did not answer (HttpConnectTimeoutException)
                    """);
        }
    }

    @Test
    void statusAsJsonPrintsTheAnswerAsItCame() {
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(200, PAGE))) {
            assertThat(run("status", "-o", "json", "--admin-url", api.url(""))).isZero();
            assertThat(out.toString().strip()).isEqualTo(PAGE.strip());
            assertThat(run("status", "-o", "yaml", "--admin-url", api.url(""))).isEqualTo(2);
            assertThat(err.toString()).contains("-o must be table or json");
        }
    }

    @Test
    void statusOfOneMailboxAsksAnyInstanceAndResyncUsesItsPath() {
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(202, "{\"state\":\"RECOVERING\"}"))) {
            assertThat(run("status", "A@B.C", "--admin-url", api.url(""))).isZero();
            assertThat(run("resync", "a@b.c", "--admin-url", api.url(""))).isZero();
            assertThat(api.requests).extracting(LoopbackHttp.Request::method, LoopbackHttp.Request::path).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("GET", "/api/mailbox-status/a%40b.c"),
                    org.assertj.core.groups.Tuple.tuple("POST", "/api/mailboxes/a%40b.c/resync"));
            assertThat(out.toString()).contains("state: RECOVERING").contains("Resync of a@b.c requested.");
        }
    }

    @Test
    void anErrorAnswerIsPrintedWithItsStatus() {
        try (LoopbackHttp api = new LoopbackHttp(r -> Answer.json(404, "{\"error\":\"unknown mailbox x@y.z\"}"))) {
            assertThat(run("resync", "x@y.z", "--admin-url", api.url(""))).isEqualTo(1);
            assertThat(err.toString()).contains("Failed (HTTP 404): error: unknown mailbox x@y.z");
        }
    }

    @Test
    void aStoppedRxPushIsAClearMessage() {
        assertThat(run("mailboxes", "list", "--admin-url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("admin API is not answering at http://127.0.0.1:1").contains("--admin-url");
    }
}
