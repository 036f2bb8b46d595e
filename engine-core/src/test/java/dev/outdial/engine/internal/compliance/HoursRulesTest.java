package dev.outdial.engine.internal.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule table: the bundled file's content, the strictest-rule combination, parse errors. */
class HoursRulesTest {

  private final HoursRules bundled = HoursRules.bundled();

  @Test
  void the_bundled_table_is_version_2_with_a_citation_on_every_rule() {
    assertEquals("hours-v2", bundled.version());
    assertEquals(
        List.of("AS", "CA", "GU", "MP", "PR", "US", "US-FL", "US-WA", "VI"),
        List.copyOf(new java.util.TreeSet<>(bundled.rules().keySet())));
    bundled.rules().values().forEach(rule -> assertEquals(1, rule.citations().size()));
    assertTrue(bundled.rules().get("US").citations().get(0).startsWith("47 CFR § 64.1200(c)(1)"));
    for (String territory : List.of("PR", "GU", "VI", "AS", "MP")) {
      assertTrue(
          bundled.rules().get(territory).citations().get(0).contains("47 U.S.C. § 153"), territory);
    }
  }

  @Test
  void us_federal_hours_are_0800_to_2100_every_day() {
    HoursRule us = bundled.forJurisdiction(Jurisdiction.country("US")).orElseThrow();
    for (DayOfWeek day : DayOfWeek.values()) {
      assertEquals(Optional.of(new DailyHours(480, 1260)), us.on(day));
    }
  }

  @Test
  void a_state_rule_narrows_the_federal_rule_and_cites_both() {
    HoursRule washington = bundled.forJurisdiction(new Jurisdiction("US", "WA")).orElseThrow();

    assertEquals("US+US-WA", washington.name());
    assertEquals(Optional.of(new DailyHours(480, 1200)), washington.on(DayOfWeek.SUNDAY));
    assertEquals(2, washington.citations().size());
  }

  @Test
  void a_state_without_a_rule_gets_the_federal_rule_and_a_country_without_one_gets_none() {
    assertEquals("US", bundled.forJurisdiction(new Jurisdiction("US", "OR")).orElseThrow().name());
    assertEquals(Optional.empty(), bundled.forJurisdiction(Jurisdiction.country("GB")));
  }

  @Test
  void the_strictest_of_two_rules_has_no_hours_on_a_day_where_they_do_not_overlap() {
    HoursRule morning = rule("AA | mon 08:00-10:00 | a");
    HoursRule evening = rule("BB | mon 10:00-12:00, tue 09:00-10:00 | b");

    HoursRule both = morning.strictest(evening);
    assertEquals(Optional.empty(), both.on(DayOfWeek.MONDAY));
    assertEquals(Optional.empty(), both.on(DayOfWeek.TUESDAY));
  }

  @Test
  void day_lists_ranges_and_midnight_ends_are_read() {
    HoursRule rule = rule("AA | sat+sun 10:00-24:00, mon-wed 00:00-01:30 | a");

    assertEquals(Optional.of(new DailyHours(600, 1440)), rule.on(DayOfWeek.SUNDAY));
    assertEquals(Optional.of(new DailyHours(0, 90)), rule.on(DayOfWeek.WEDNESDAY));
    assertEquals(Optional.empty(), rule.on(DayOfWeek.THURSDAY));
  }

  @Test
  void a_malformed_line_is_refused_naming_its_line_and_text() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HoursRules.parse("test", new StringReader("# ok\nUS | mon 08:00-25:00 | x\n")));
    assertEquals(
        "test line 2 'US | mon 08:00-25:00 | x': '25:00' is not a time from 00:00 to 24:00",
        e.getMessage());
  }

  @Test
  void a_rule_without_a_citation_is_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HoursRules.parse("test", new StringReader("US | mon 08:00-20:00 |  \n")));
    assertTrue(e.getMessage().endsWith("no citation"), e.getMessage());
  }

  @Test
  void a_jurisdiction_listed_twice_is_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HoursRules.parse(
                    "test",
                    new StringReader("US | mon 08:00-20:00 | a\nUS | tue 08:00-20:00 | b\n")));
    assertTrue(e.getMessage().endsWith("jurisdiction US appears twice"), e.getMessage());
  }

  private static HoursRule rule(String line) {
    try {
      return HoursRules.parse("test", new StringReader(line)).rules().values().iterator().next();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
