package rxpush.simulators.exchange.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static JournalEntry at(String instant) {
        return new JournalEntry(0, Instant.parse(instant), JournalEntry.Kind.MODIFIED, JournalEntry.Target.ITEM, "i",
                "c", "p", "pc", null, null, "imm", 1);
    }

    @Test
    void positionsCountUpAndPruningLimitsWhereOneCanResume() {
        Journal journal = new Journal();
        assertThat(journal.canResumeFrom(0)).isTrue();
        journal.append(at("2026-11-01T00:00:00Z"));
        journal.append(at("2026-11-02T00:00:00Z"));
        journal.append(at("2026-11-03T00:00:00Z"));
        assertThat(journal.head()).isEqualTo(3);
        assertThat(journal.after(1, 10)).extracting(JournalEntry::position).containsExactly(2L, 3L);
        assertThat(journal.after(0, 2)).hasSize(2);
        assertThat(journal.canResumeFrom(0)).isTrue();
        assertThat(journal.canResumeFrom(4)).isFalse();

        journal.prune(Instant.parse("2026-11-02T12:00:00Z"));
        assertThat(journal.size()).isEqualTo(1);
        assertThat(journal.canResumeFrom(1)).isFalse();
        assertThat(journal.canResumeFrom(2)).isTrue();
        assertThat(journal.canResumeFrom(3)).isTrue();
    }
}
