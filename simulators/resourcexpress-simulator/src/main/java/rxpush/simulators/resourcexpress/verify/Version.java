package rxpush.simulators.resourcexpress.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A booking version in a finding.
 *
 * @param changeKey change key
 * @param lastModified last modification
 * @param sequence the truth's change number (truth side only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Version(String changeKey, Instant lastModified, Long sequence) {
}
