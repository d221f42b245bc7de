package rxpush.systemtests.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReliabilityReportTest {

    private static final String DOC = "# Reliability\n\ntext\n\n" + ReliabilityReport.BEGIN + "\n\nNo run recorded yet.\n";

    @Test
    void aRunReplacesItsOwnSectionAndKeepsTheOthers() {
        String first = new ReliabilityReport("core").withSection(DOC, "### core (t1)\n\nrows 1\n");
        assertThat(first).startsWith("# Reliability\n\ntext\n\n" + ReliabilityReport.BEGIN)
                .contains("### core (t1)").doesNotContain("No run recorded yet");
        String both = new ReliabilityReport("extended").withSection(first, "### extended (t2)\n\nrows 2\n");
        String again = new ReliabilityReport("core").withSection(both, "### core (t3)\n\nrows 3\n");
        assertThat(again).contains("### core (t3)", "rows 3", "### extended (t2)", "rows 2")
                .doesNotContain("rows 1");
        assertThat(again.indexOf("### core")).isLessThan(again.indexOf("### extended"));
    }

    @Test
    void aDocumentWithoutTheMarkerGetsOne() {
        String written = new ReliabilityReport("core").withSection("# Reliability\n", "### core (t)\n\nrows\n");
        assertThat(written).contains(ReliabilityReport.BEGIN + "\n\n### core (t)");
    }

    @Test
    void rowsCarryTheFourCounts() {
        ReliabilityReport report = new ReliabilityReport("core");
        report.row("1 steady state", "none", new Simulators.Verdict(false, 10, 9, 1, 2, 3, 4, ""), "p99 1.0 s");
        assertThat(report.markdown("env")).contains("| 1 steady state | none | 1 | 2 | 4 | 3 | 10 | p99 1.0 s |");
    }
}
