package org.ripieno.datasafety.adoption;

import java.util.List;
import org.ripieno.datasafety.SqlErrors;

/**
 * An adoption that failed after it had begun to change the database. The message names the steps
 * that were done; running the adoption again repeats none of them twice and completes it.
 */
public class AdoptionFailedException extends RuntimeException {

  private final List<String> stepsDone;

  AdoptionFailedException(String subdomain, List<String> stepsDone, Throwable cause) {
    super(
        "Adopting "
            + subdomain
            + " failed ("
            + SqlErrors.describeFailure(cause)
            + ") after: "
            + (stepsDone.isEmpty() ? "no change" : String.join(", ", stepsDone))
            + "; fix the cause and run the adoption again to complete it",
        cause);
    this.stepsDone = List.copyOf(stepsDone);
  }

  public List<String> stepsDone() {
    return stepsDone;
  }
}
