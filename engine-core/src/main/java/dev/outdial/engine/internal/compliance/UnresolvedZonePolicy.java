package dev.outdial.engine.internal.compliance;

/**
 * What the guard does with a number that has a rule but no usable zone: its zone is {@link
 * NumberLocation.Certainty#UNKNOWN} or {@link NumberLocation.Certainty#COUNTRY_WIDE} (e.g. a US
 * toll-free number, whose candidates run from Guam to Newfoundland).
 */
public enum UnresolvedZonePolicy {
  /** The recipient is not dialled; the decision says why ({@link GuardDecision.Skipped}). */
  SKIP,
  /** The rule's hours are applied on the wall clock of the campaign's zone. */
  CAMPAIGN_ZONE
}
