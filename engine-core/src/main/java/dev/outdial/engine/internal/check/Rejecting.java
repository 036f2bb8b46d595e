package dev.outdial.engine.internal.check;

import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Problem;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.Rejection;
import java.util.List;

/** Turns a failing group's problems into the rejection that answers the request. */
final class Rejecting {

  private static final int SHOWN_PROBLEMS = 3;

  private Rejecting() {}

  /** Throws {@code code} when there are problems; the lead follows their count. */
  static void failIfAny(ErrorCode code, String lead, List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new RejectedException(
          new Rejection(
              code, null, summary(problems.size() + " " + lead, problems, false), problems));
    }
  }

  /** Throws {@code campaign_creation_failed}, with the first problem's reason, if any. */
  static void failCreationIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new RejectedException(
          new Rejection(
              ErrorCode.CAMPAIGN_CREATION_FAILED,
              creationReason(problems.get(0).reason()),
              summary("the campaign cannot be created", problems, false),
              problems));
    }
  }

  /** The {@code invalid_phone_format} rejection; with {@code skip_invalid}, nothing was left. */
  static RejectedException invalidPhones(List<Problem> problems, boolean skipInvalid) {
    int count = problems.size();
    String lead;
    if (!skipInvalid) {
      lead = count + " recipient phones are invalid";
    } else if (count == 1) {
      lead = "no recipient is left to dial: the only phone is invalid";
    } else {
      lead = "no recipient is left to dial: all " + count + " phones are invalid";
    }
    return new RejectedException(
        new Rejection(
            ErrorCode.INVALID_PHONE_FORMAT, null, summary(lead, problems, skipInvalid), problems));
  }

  private static CreationFailureReason creationReason(String code) {
    for (CreationFailureReason reason : CreationFailureReason.values()) {
      if (reason.code().equals(code)) {
        return reason;
      }
    }
    throw new IllegalStateException("not a creation failure: " + code);
  }

  /**
   * One sentence: a single problem's own message, else the lead and the first few messages. {@code
   * alwaysLead} keeps the lead even for one problem, where it says more than the problem.
   */
  private static String summary(String lead, List<Problem> problems, boolean alwaysLead) {
    if (problems.size() == 1 && !alwaysLead) {
      return problems.get(0).message();
    }
    StringBuilder sentence = new StringBuilder(lead).append(": ");
    int shown = Math.min(problems.size(), SHOWN_PROBLEMS);
    for (int i = 0; i < shown; i++) {
      sentence.append(i == 0 ? "" : "; ").append(problems.get(i).message());
    }
    if (problems.size() > shown) {
      sentence.append("; and ").append(problems.size() - shown).append(" more");
    }
    return sentence.toString();
  }
}
