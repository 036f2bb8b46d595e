package dev.outdial.engine.internal.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guard on real numbers and real zone rules, one rule of docs/compliance.md per test. */
class HoursGuardExamplesTest {

  private static final ZoneId BOISE = ZoneId.of("America/Boise");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final HoursGuard skip = HoursGuard.bundled(UnresolvedZonePolicy.SKIP);
  private final HoursGuard campaignZone = HoursGuard.bundled(UnresolvedZonePolicy.CAMPAIGN_ZONE);

  private static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  private LocalHours guarded(long phone) {
    return assertInstanceOf(GuardDecision.Guarded.class, skip.decide(phone, LONDON)).hours();
  }

  @Test
  void idaho_208_at_0830_boise_time_is_closed_because_it_is_0730_in_los_angeles() {
    LocalHours hours = guarded(12085550123L);

    assertEquals(List.of(BOISE, LOS_ANGELES), hours.zones());
    assertFalse(hours.isOpen(at("2026-06-16T08:30", BOISE)));
    assertEquals(
        at("2026-06-16T08:00", LOS_ANGELES), hours.nextOpening(at("2026-06-16T08:30", BOISE)));
    assertTrue(hours.isOpen(at("2026-06-16T09:00", BOISE)));
    // Closes at 21:00 Boise time, 20:00 in Los Angeles.
    assertEquals(
        Optional.of(at("2026-06-16T21:00", BOISE)),
        hours.nextClosing(at("2026-06-16T12:00", BOISE)));
  }

  @Test
  void canada_allows_0900_to_2130_on_weekdays_and_1000_to_1800_at_weekends() {
    LocalHours hours = guarded(14165550123L);

    assertEquals(List.of(TORONTO), hours.zones());
    assertTrue(hours.isOpen(at("2026-06-12T21:29", TORONTO))); // Friday
    assertFalse(hours.isOpen(at("2026-06-12T21:30", TORONTO)));
    assertFalse(hours.isOpen(at("2026-06-13T09:30", TORONTO))); // Saturday
    assertEquals(
        at("2026-06-13T10:00", TORONTO), hours.nextOpening(at("2026-06-12T21:30", TORONTO)));
    assertEquals(
        Optional.of(at("2026-06-13T18:00", TORONTO)),
        hours.nextClosing(at("2026-06-13T09:30", TORONTO)));
    assertEquals(
        at("2026-06-15T09:00", TORONTO), hours.nextOpening(at("2026-06-14T18:00", TORONTO)));
  }

  @Test
  void a_washington_number_at_2030_is_closed_while_federal_hours_allow_it() {
    LocalHours washington = guarded(12065550123L);
    LocalHours oregon = guarded(15035550123L);
    Instant evening = at("2026-06-16T20:30", LOS_ANGELES);

    assertEquals("US+US-WA", washington.rule().name());
    assertFalse(washington.isOpen(evening));
    assertEquals("US", oregon.rule().name());
    assertTrue(oregon.isOpen(evening));
    assertEquals(at("2026-06-17T08:00", LOS_ANGELES), washington.nextOpening(evening));
  }

  @Test
  void a_florida_number_closes_at_2000_local_time() {
    LocalHours hours = guarded(13055550123L);

    assertEquals(List.of(NEW_YORK), hours.zones());
    assertEquals(
        Optional.of(at("2026-06-16T20:00", NEW_YORK)),
        hours.nextClosing(at("2026-06-16T10:00", NEW_YORK)));
  }

  @Test
  void a_uk_number_has_no_rule_so_only_the_campaign_window_decides() {
    GuardDecision decision = skip.decide(442071234567L, LONDON);

    GuardDecision.Unguarded unguarded = assertInstanceOf(GuardDecision.Unguarded.class, decision);
    assertEquals(Jurisdiction.country("GB"), unguarded.location().jurisdiction());
    assertEquals(List.of(LONDON), unguarded.location().zones());
  }

  @Test
  void a_toll_free_800_number_is_skipped_with_a_reason_under_the_skip_policy() {
    GuardDecision decision = skip.decide(18005550123L, NEW_YORK);

    GuardDecision.Skipped skipped = assertInstanceOf(GuardDecision.Skipped.class, decision);
    assertEquals("recipient_zone_country_wide", skipped.reason());
    assertEquals(NumberLocation.Certainty.COUNTRY_WIDE, skipped.location().certainty());
    assertTrue(skipped.detail().startsWith("+18005550123 (US) may be in any of its country's"));
  }

  @Test
  void a_toll_free_800_number_gets_the_rule_in_the_campaign_zone_under_the_campaign_zone_policy() {
    GuardDecision decision = campaignZone.decide(18005550123L, NEW_YORK);

    LocalHours hours = assertInstanceOf(GuardDecision.Guarded.class, decision).hours();
    assertEquals(List.of(NEW_YORK), hours.zones());
    assertEquals("US", hours.rule().name());
    assertFalse(hours.isOpen(at("2026-06-16T07:59", NEW_YORK)));
    assertTrue(hours.isOpen(at("2026-06-16T08:00", NEW_YORK)));
  }

  @Test
  void a_number_without_a_region_has_no_rule_and_is_left_to_the_campaign_window() {
    // +1 555 is no assigned area code: no region, zone Etc/Unknown.
    GuardDecision decision = skip.decide(15555550123L, NEW_YORK);

    assertInstanceOf(GuardDecision.Unguarded.class, decision);
    assertEquals(NumberLocation.Certainty.UNKNOWN, decision.location().certainty());
    assertEquals(Jurisdiction.country("ZZ"), decision.location().jurisdiction());
  }

  @Test
  void an_unknown_zone_under_a_rule_is_skipped_as_zone_unknown() throws java.io.IOException {
    HoursRules everywhere =
        HoursRules.parse("test", new java.io.StringReader("ZZ | mon-sun 08:00-21:00 | test\n"));
    HoursGuard guard = new HoursGuard(everywhere, UnresolvedZonePolicy.SKIP, new LocateNumber());

    GuardDecision.Skipped skipped =
        assertInstanceOf(GuardDecision.Skipped.class, guard.decide(15555550123L, NEW_YORK));
    assertEquals("recipient_zone_unknown", skipped.reason());
    assertEquals(
        "+15555550123 (ZZ) has no known time zone, so its local hours cannot be checked",
        skipped.detail());
  }

  @Test
  void recipients_with_the_same_zones_and_rule_share_one_local_hours_instance() {
    assertSame(guarded(12065550123L), guarded(12065559876L));
    assertSame(
        LocalHours.of(List.of(LOS_ANGELES, BOISE), HoursRules.bundled().rules().get("US")),
        LocalHours.of(List.of(BOISE, LOS_ANGELES, BOISE), HoursRules.bundled().rules().get("US")));
  }

  @Test
  void hours_starting_inside_a_spring_forward_gap_open_at_the_transition() {
    // New York skips 02:00-03:00 on 2026-03-08: a 02:30 start opens at 03:00 EDT.
    Map<DayOfWeek, DailyHours> daily = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      daily.put(day, new DailyHours(150, 600));
    }
    LocalHours hours =
        LocalHours.of(List.of(NEW_YORK), new HoursRule("XX", daily, List.of("test")));

    assertEquals(
        Instant.parse("2026-03-08T07:00:00Z"),
        hours.nextOpening(Instant.parse("2026-03-08T06:00:00Z")));
    assertFalse(hours.isOpen(Instant.parse("2026-03-08T06:59:59Z")));
  }

  @Test
  void hours_whose_zones_never_overlap_never_open() {
    Map<DayOfWeek, DailyHours> daily = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      daily.put(day, new DailyHours(540, 600)); // 09:00-10:00
    }
    LocalHours hours =
        LocalHours.of(List.of(NEW_YORK, LOS_ANGELES), new HoursRule("XX", daily, List.of("test")));

    assertEquals(Instant.MAX, hours.nextOpening(Instant.parse("2026-06-16T00:00:00Z")));
    assertEquals(Optional.empty(), hours.nextClosing(Instant.parse("2026-06-16T00:00:00Z")));
  }
}
