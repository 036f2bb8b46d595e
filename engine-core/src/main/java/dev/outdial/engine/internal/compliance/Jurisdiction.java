package dev.outdial.engine.internal.compliance;

import java.util.Objects;

/**
 * Whose calling-hours law applies to a number: its country (libphonenumber's region code, e.g.
 * {@code US}, {@code CA}; {@code ZZ} when unknown) and, where the guard resolves one, a subdivision
 * (the US state's two-letter code, e.g. {@code WA}; empty otherwise).
 *
 * @param country an ISO 3166-1 alpha-2 region code as libphonenumber spells it, or {@code ZZ}
 * @param subdivision the second part of an ISO 3166-2 code ({@code WA} of {@code US-WA}), or empty
 */
public record Jurisdiction(String country, String subdivision) {

  /** The region code libphonenumber uses for "unknown". */
  public static final String UNKNOWN_COUNTRY = "ZZ";

  public Jurisdiction {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(subdivision, "subdivision");
  }

  /** A country without a subdivision. */
  public static Jurisdiction country(String country) {
    return new Jurisdiction(country, "");
  }

  /** The subdivision's key in the rule table, like {@code US-WA}; empty when there is none. */
  public String subdivisionKey() {
    return subdivision.isEmpty() ? "" : country + "-" + subdivision;
  }

  /** {@code US-WA}, or {@code US} without a subdivision. */
  @Override
  public String toString() {
    return subdivision.isEmpty() ? country : subdivisionKey();
  }
}
