package dev.outdial.engine;

/** Why a request failed with {@code campaign_creation_failed}, spelled as on the wire. */
public enum CreationFailureReason {
  /** {@code timezone} is not an IANA region id known to {@code java.time}. */
  INVALID_TIMEZONE("invalid_timezone"),
  /** The agent directory does not know {@code agent_id}. */
  AGENT_NOT_FOUND("agent_not_found"),
  /** {@code from_number} is not an outbound-enabled number of the agent. */
  FROM_NUMBER_NOT_OWNED("from_number_not_owned"),
  /** {@code from_number} is absent and the agent has several outbound numbers. */
  FROM_NUMBER_REQUIRED("from_number_required"),
  /** {@code from_number} is absent and the agent has no outbound number. */
  NO_OUTBOUND_NUMBER("no_outbound_number");

  private final String code;

  CreationFailureReason(String code) {
    this.code = code;
  }

  /** The wire spelling, e.g. {@code invalid_timezone}. */
  public String code() {
    return code;
  }
}
