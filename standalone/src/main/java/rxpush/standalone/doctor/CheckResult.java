package rxpush.standalone.doctor;

/**
 * One line of the doctor's report.
 *
 * @param status PASS, WARN, FAIL or SKIP
 * @param what   what was checked and what was found; never a secret
 * @param fix    what to do about a WARN or FAIL; empty for PASS and SKIP
 */
public record CheckResult(Status status, String what, String fix) {

    public enum Status { PASS, WARN, FAIL, SKIP }

    static CheckResult pass(String what) {
        return new CheckResult(Status.PASS, what, "");
    }

    static CheckResult warn(String what, String fix) {
        return new CheckResult(Status.WARN, what, fix);
    }

    static CheckResult fail(String what, String fix) {
        return new CheckResult(Status.FAIL, what, fix);
    }

    static CheckResult skip(String what) {
        return new CheckResult(Status.SKIP, what, "");
    }

    /** {@code PASS  what} or {@code FAIL  what\n      fix: ...}. */
    public String line() {
        String head = String.format("%-5s %s", status, what);
        return fix.isEmpty() ? head : head + System.lineSeparator() + "      fix: " + fix;
    }
}
