package dev.outdial.engine;

/** Where a campaign's time zone came from (SPEC §2), spelled as on the wire. */
public enum TimezoneSource {
  /** The request's {@code timezone}. */
  CAMPAIGN("campaign"),
  /** The agent's time zone from the host's agent directory. */
  AGENT("agent"),
  /** Neither was given or usable: {@code Europe/London}. */
  DEFAULT("default");

  private final String wire;

  TimezoneSource(String wire) {
    this.wire = wire;
  }

  /** The wire spelling, e.g. {@code campaign}. */
  public String wire() {
    return wire;
  }
}
