package rxpush.standalone.doctor;

import java.util.List;

/** One item of the old troubleshooting checklist, automated. */
interface DoctorCheck {

    /** Short name for progress output, e.g. "Kafka". */
    String name();

    /** Never throws: an unexpected failure is itself a FAIL result. */
    List<CheckResult> run();
}
