package dev.outdial.engine.internal.compliance;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Where libphonenumber places a number: the zones of its registration area and its jurisdiction.
 * Not where the phone is: a mobile travels and a number can be ported (docs/compliance.md).
 *
 * @param zones the candidate zones, sorted by id, without duplicates; empty when {@link
 *     #certainty()} is {@link Certainty#UNKNOWN}
 * @param jurisdiction the number's country and, for US numbers whose area names a state, the state
 * @param certainty whether the zones narrow the number down
 */
public record NumberLocation(List<ZoneId> zones, Jurisdiction jurisdiction, Certainty certainty) {

  /** How much the candidate zones say about where the number is. */
  public enum Certainty {
    /** The zones of the number's own area (one, or a few, e.g. Idaho's 208: Boise, Los Angeles). */
    AREA,
    /**
     * Every zone of the country calling code, on more than one wall clock: libphonenumber knows no
     * area (toll-free, some mobiles). Saying "every zone" here is no information.
     */
    COUNTRY_WIDE,
    /** No zone: libphonenumber answered {@code Etc/Unknown}, or a zone java.time does not know. */
    UNKNOWN
  }

  public NumberLocation {
    zones = List.copyOf(zones);
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(certainty, "certainty");
  }
}
