package dev.outdial.engine;

/** The error codes the engine answers with, spelled as on the wire ({@link #code()}). */
public enum ErrorCode {
  /** A required field is absent or blank (SPEC §1 group 1). */
  MISSING_FIELD("missing_field"),
  /** A field has a value of the wrong form or over a limit (group 2). */
  INVALID_FIELD("invalid_field"),
  /** Time zone, agent or caller number cannot be used; {@link Rejection#reason()} says which. */
  CAMPAIGN_CREATION_FAILED("campaign_creation_failed"),
  /** One or more recipient phones are not valid international numbers (group 4). */
  INVALID_PHONE_FORMAT("invalid_phone_format"),
  /** The campaign's status does not allow the action (for example launching a running one). */
  INVALID_STATE("invalid_state"),
  /** No campaign or call with that id is visible to the calling key. */
  NOT_FOUND("not_found");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  /** The wire spelling, e.g. {@code missing_field}. */
  public String code() {
    return code;
  }
}
