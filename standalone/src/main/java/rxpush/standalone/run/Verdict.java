package rxpush.standalone.run;

import java.util.List;
import rxpush.simulators.resourcexpress.verify.Finding;
import rxpush.simulators.resourcexpress.verify.VerifyReport;

/**
 * The demo's closing verdict: the one-line summary, and when it is not OK every missing, stale, extra or
 * twice-applied booking with its room, Exchange's and RX's versions and the reason.
 */
final class Verdict {

    private Verdict() {
    }

    static String text(VerifyReport report) {
        StringBuilder out = new StringBuilder("ResourceXpress vs Exchange: ").append(report.summary()).append('\n');
        if (!report.ok()) {
            section(out, "missing at RX", report.missing());
            section(out, "stale at RX", report.stale());
            section(out, "extra at RX", report.extra());
            section(out, "applied more than once", report.duplicateApplied());
        }
        return out.toString();
    }

    private static String version(rxpush.simulators.resourcexpress.verify.Version v) {
        return "the version of " + v.lastModified() + (v.sequence() == null ? "" : " (change #" + v.sequence() + ")");
    }

    private static void section(StringBuilder out, String title, List<Finding> findings) {
        for (Finding f : findings) {
            out.append("  ").append(title).append(": room ").append(f.mailbox()).append(", booking ").append(f.bookingId());
            if (f.truth() != null) {
                out.append(", Exchange has ").append(version(f.truth()));
            }
            if (f.rx() != null) {
                out.append(", RX has ").append(version(f.rx()));
            }
            if (f.timesApplied() != null) {
                out.append(", applied ").append(f.timesApplied()).append(" times");
            }
            out.append(": ").append(f.detail()).append('\n');
        }
    }
}
