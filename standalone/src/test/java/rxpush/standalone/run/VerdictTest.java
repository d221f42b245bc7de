package rxpush.standalone.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import rxpush.simulators.resourcexpress.verify.Finding;
import rxpush.simulators.resourcexpress.verify.VerifyReport;
import rxpush.simulators.resourcexpress.verify.Version;

class VerdictTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void okIsOneLine() {
        assertThat(Verdict.text(new VerifyReport(true, AT, 19, 19, List.of(), List.of(), List.of(), List.of())))
                .isEqualTo("ResourceXpress vs Exchange: OK: truth 19, rx 19, missing 0, stale 0, extra 0, duplicate-applied 0\n");
    }

    @Test
    void notOkNamesEveryBookingWithItsRoomVersionsAndReason() {
        Finding missing = new Finding("b-1", "room-104@contoso.demo", "AAMk1", new Version("ck2", AT, 17L), null, null,
                "absent at RX");
        Finding stale = new Finding("b-2", "room-101@contoso.demo", "AAMk2", new Version("ck9", AT.plusSeconds(5), 18L),
                new Version("ck8", AT, null), null, "RX holds an older version");
        String text = Verdict.text(new VerifyReport(false, AT, 19, 18, List.of(missing), List.of(stale), List.of(), List.of()));
        assertThat(text).startsWith("ResourceXpress vs Exchange: NOT OK: truth 19, rx 18, missing 1, stale 1")
                .contains("  missing at RX: room room-104@contoso.demo, booking b-1, Exchange has the version of "
                        + "2026-12-04T10:00:00Z (change #17): absent at RX\n")
                .contains("  stale at RX: room room-101@contoso.demo, booking b-2, Exchange has the version of "
                        + "2026-12-04T10:00:05Z (change #18), RX has the version of 2026-12-04T10:00:00Z: RX holds an older version\n");
    }
}
