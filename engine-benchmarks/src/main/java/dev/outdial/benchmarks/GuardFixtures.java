package dev.outdial.benchmarks;

import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.compliance.HoursRule;
import dev.outdial.engine.internal.compliance.HoursRules;
import dev.outdial.engine.internal.compliance.Jurisdiction;
import dev.outdial.engine.internal.compliance.LocalHours;
import dev.outdial.engine.internal.compliance.RecipientHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The guarded campaigns of {@link GuardBenchmark} and {@link GuardMemoryProbe}: recipients spread
 * round-robin over 50 zone sets of North America under the US federal rule (every day 08:00-21:00),
 * in the shared London window of {@link Fixtures}. The recipients' hours are built directly, not by
 * {@link RecipientHours#assign} (a libphonenumber look-up of about 20 µs a number would make 10^6
 * recipients take 20 s); dispatch only reads their lanes, as it would after {@code assign}.
 *
 * <p>On Monday 2026-06-15 (the London window open 08:00Z-17:00Z) the lanes are: all closed at
 * {@link Fixtures#FIRE_AT} (the earliest opens at {@link #FIRST_OPENING}, 08:00 in St John's); five
 * open (the Atlantic zones) at {@link #FIVE_OPEN}; all open at {@link #ALL_OPEN}.
 */
final class GuardFixtures {
  private GuardFixtures() {}

  /** 12:00 London, 08:00 Halifax, 08:30 St John's, 07:00 New York: 5 of the 50 lanes open. */
  static final Instant FIVE_OPEN = Instant.parse("2026-06-15T11:00:00Z");

  /** 17:30 London, 12:30 New York, 09:30 Los Angeles, 08:30 Anchorage: every lane open. */
  static final Instant ALL_OPEN = Instant.parse("2026-06-15T16:30:00Z");

  /** When the first lane opens after {@link Fixtures#FIRE_AT}: 08:00 NDT in St John's. */
  static final Instant FIRST_OPENING = Instant.parse("2026-06-15T10:30:00Z");

  /** The Atlantic zones, the lanes open at {@link #FIVE_OPEN}. */
  static final int OPEN_AT_FIVE_OPEN = 5;

  /**
   * 44 single zones and 6 pairs (a number whose area spans two zones, like Idaho's 208: Boise and
   * Los Angeles): every zone of the US and Canada between UTC-8 and UTC-2:30 in June.
   */
  static final List<List<String>> ZONE_SETS =
      List.of(
          // Eastern
          List.of("America/New_York"),
          List.of("America/Detroit"),
          List.of("America/Kentucky/Louisville"),
          List.of("America/Kentucky/Monticello"),
          List.of("America/Indiana/Indianapolis"),
          List.of("America/Indiana/Vincennes"),
          List.of("America/Indiana/Winamac"),
          List.of("America/Indiana/Marengo"),
          List.of("America/Indiana/Petersburg"),
          List.of("America/Indiana/Vevay"),
          List.of("America/Toronto"),
          List.of("America/Iqaluit"),
          // Central
          List.of("America/Chicago"),
          List.of("America/Indiana/Tell_City"),
          List.of("America/Indiana/Knox"),
          List.of("America/Menominee"),
          List.of("America/North_Dakota/Center"),
          List.of("America/North_Dakota/New_Salem"),
          List.of("America/North_Dakota/Beulah"),
          List.of("America/Winnipeg"),
          List.of("America/Rankin_Inlet"),
          List.of("America/Regina"),
          // Mountain
          List.of("America/Denver"),
          List.of("America/Boise"),
          List.of("America/Phoenix"),
          List.of("America/Edmonton"),
          List.of("America/Cambridge_Bay"),
          List.of("America/Whitehorse"),
          List.of("America/Dawson_Creek"),
          List.of("America/Creston"),
          // Pacific
          List.of("America/Los_Angeles"),
          List.of("America/Vancouver"),
          // Alaska
          List.of("America/Anchorage"),
          List.of("America/Juneau"),
          List.of("America/Sitka"),
          List.of("America/Metlakatla"),
          List.of("America/Yakutat"),
          List.of("America/Nome"),
          // Atlantic, Newfoundland, Puerto Rico
          List.of("America/Halifax"),
          List.of("America/Glace_Bay"),
          List.of("America/Moncton"),
          List.of("America/Goose_Bay"),
          List.of("America/St_Johns"),
          List.of("America/Puerto_Rico"),
          // Numbers spanning two zones
          List.of("America/Boise", "America/Los_Angeles"),
          List.of("America/New_York", "America/Chicago"),
          List.of("America/Chicago", "America/Denver"),
          List.of("America/Denver", "America/Phoenix"),
          List.of("America/Los_Angeles", "America/Phoenix"),
          List.of("America/Indiana/Indianapolis", "America/Chicago"));

  /** The US federal rule of the bundled table. */
  static HoursRule usFederal() {
    return HoursRules.bundled()
        .forJurisdiction(Jurisdiction.country("US"))
        .orElseThrow(() -> new IllegalStateException("the bundled rules have no US rule"));
  }

  /** Lane 0 (no hours) and one lane per zone set, each distinct (checked). */
  static LocalHours[] lanes() {
    HoursRule rule = usFederal();
    List<LocalHours> lanes = new ArrayList<>();
    lanes.add(null);
    for (List<String> zones : ZONE_SETS) {
      lanes.add(LocalHours.of(zones.stream().map(ZoneId::of).toList(), rule));
    }
    Checks.require(
        new HashSet<>(lanes.subList(1, lanes.size())).size() == ZONE_SETS.size(),
        "the 50 zone sets are distinct lanes");
    return lanes.toArray(new LocalHours[0]);
  }

  /** {@code recipients} placed round-robin in lanes 1..50 of {@code lanes}. */
  static RecipientHours hours(LocalHours[] lanes, int recipients) {
    short[] laneOf = new short[recipients];
    int guarded = lanes.length - 1;
    for (int i = 0; i < recipients; i++) {
      laneOf[i] = (short) (1 + i % guarded);
    }
    return new RecipientHours(LocalHoursPolicy.SKIP_UNKNOWN, lanes, laneOf, Map.of());
  }

  /** {@code spec} guarded by {@code hours}. */
  static CampaignSpec guarded(CampaignSpec spec, RecipientHours hours) {
    return spec.withLocalHours(LocalHoursPolicy.SKIP_UNKNOWN, hours);
  }

  /**
   * A campaign of {@code recipients} in the shared window, dated in the past: created while its
   * window is open it runs from its creation.
   */
  static CampaignSpec running(int recipients) {
    return Fixtures.spec(LocalDate.of(2026, 1, 1), Fixtures.phones(0, recipients), null);
  }

  /**
   * {@code spec} without a scheduled date: it runs from its creation whether or not its window is
   * open then (dated, a campaign created while its window is closed waits to fire at the opening).
   */
  static CampaignSpec unscheduled(CampaignSpec spec) {
    return new CampaignSpec(
        spec.agentId(),
        spec.prompt(),
        spec.name(),
        spec.fromNumber(),
        spec.zone(),
        spec.zoneSource(),
        spec.window(),
        null,
        spec.phones(),
        spec.extras(),
        spec.invalid(),
        spec.duplicateIndexes(),
        spec.localHours(),
        spec.hours(),
        spec.expiresAt(),
        spec.retry());
  }
}
