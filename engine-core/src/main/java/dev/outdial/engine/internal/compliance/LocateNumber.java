package dev.outdial.engine.internal.compliance;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import com.google.i18n.phonenumbers.prefixmapper.PrefixTimeZonesMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads a recipient's number (E.164 digits without {@code +}, as the engine stores phones) into its
 * {@link NumberLocation}: the zones {@link PhoneNumberToTimeZonesMapper} gives, the region code
 * {@link PhoneNumberUtil#getRegionCodeForNumber} gives, and for US numbers the state named by
 * {@link PhoneNumberOfflineGeocoder}'s English description. Thread-safe; one instance serves all.
 *
 * <p>Cost: a parse and three prefix look-ups, some microseconds a number (docs/compliance.md); call
 * it once per recipient, when the campaign is created or loaded, not on every dispatch pass.
 */
public final class LocateNumber {

  private static final String TIME_ZONES_DATA =
      "/com/google/i18n/phonenumbers/timezones/data/map_data";

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();
  private final PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();

  /** The same data the mapper reads, for the country-level list it does not expose. */
  private final PrefixTimeZonesMap countryLevel = loadTimeZonesMap();

  private final UsStates states = UsStates.instance();

  /** Where libphonenumber places {@code phone}, e.g. {@code 12085550123}. */
  public NumberLocation locate(long phone) {
    PhoneNumber number;
    try {
      number = util.parse("+" + phone, Jurisdiction.UNKNOWN_COUNTRY);
    } catch (NumberParseException e) {
      return new NumberLocation(
          List.of(),
          Jurisdiction.country(Jurisdiction.UNKNOWN_COUNTRY),
          NumberLocation.Certainty.UNKNOWN);
    }
    Jurisdiction jurisdiction = jurisdiction(number);
    List<String> ids = zones.getTimeZonesForNumber(number);
    List<ZoneId> candidates = zoneIds(ids);
    if (candidates.isEmpty()) {
      return new NumberLocation(List.of(), jurisdiction, NumberLocation.Certainty.UNKNOWN);
    }
    NumberLocation.Certainty certainty =
        isCountryWide(number, ids, candidates)
            ? NumberLocation.Certainty.COUNTRY_WIDE
            : NumberLocation.Certainty.AREA;
    return new NumberLocation(candidates, jurisdiction, certainty);
  }

  private Jurisdiction jurisdiction(PhoneNumber number) {
    String region = util.getRegionCodeForNumber(number);
    if (region == null) {
      return Jurisdiction.country(Jurisdiction.UNKNOWN_COUNTRY);
    }
    if (!region.equals("US")) {
      return Jurisdiction.country(region);
    }
    String description = geocoder.getDescriptionForNumber(number, Locale.ENGLISH);
    return new Jurisdiction(region, states.codeFor(description).orElse(""));
  }

  /** Sorted, distinct zone ids; empty when any is unknown to libphonenumber or to java.time. */
  private static List<ZoneId> zoneIds(List<String> ids) {
    TreeSet<ZoneId> sorted = new TreeSet<>(Comparator.comparing(ZoneId::getId));
    for (String id : ids) {
      if (id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
        return List.of();
      }
      try {
        sorted.add(ZoneId.of(id));
      } catch (DateTimeException e) {
        return List.of();
      }
    }
    return new ArrayList<>(sorted);
  }

  /**
   * Whether the candidates are the whole calling code's list and that list spans more than one wall
   * clock (the UK's London, Jersey, Guernsey and Isle of Man share one: not country-wide).
   */
  private boolean isCountryWide(PhoneNumber number, List<String> ids, List<ZoneId> candidates) {
    if (candidates.size() < 2) {
      return false;
    }
    List<String> country = countryLevel.lookupCountryLevelTimeZonesForNumber(number);
    if (!new TreeSet<>(country).equals(new TreeSet<>(ids))) {
      return false;
    }
    return candidates.stream().map(ZoneId::getRules).distinct().count() > 1;
  }

  private static PrefixTimeZonesMap loadTimeZonesMap() {
    InputStream source = PhoneNumberToTimeZonesMapper.class.getResourceAsStream(TIME_ZONES_DATA);
    if (source == null) {
      throw new IllegalStateException(
          "libphonenumber geocoder data " + TIME_ZONES_DATA + " missing");
    }
    try (ObjectInputStream in = new ObjectInputStream(source)) {
      PrefixTimeZonesMap map = new PrefixTimeZonesMap();
      map.readExternal(in);
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + TIME_ZONES_DATA, e);
    }
  }
}
