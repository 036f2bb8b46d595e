package dev.outdial.engine.dialling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 4: the random scenarios of {@link DiallingSimulationProperties} reach what the
 * SPEC covers, checked on the generator alone (no engine): local midnights that a spring-forward
 * skips, New York's spring-forward, dates far from today, invalid and duplicate phones, prompt
 * overrides, rejected requests and identical requests created again.
 */
class ScenarioReachTest {
  private static final int SCENARIOS = 100;
  private static final Duration SIMULATED_DAYS = Duration.ofDays(5);

  private static final List<Scenario> SAMPLE = sample();

  private static List<Scenario> sample() {
    List<Scenario> scenarios = new ArrayList<>();
    for (long seed = 0; seed < SCENARIOS; seed++) {
      scenarios.add(Scenario.random(seed));
    }
    return scenarios;
  }

  /** At least {@code atLeast} of the sample's scenarios have a campaign that {@code test}s true. */
  private static void reached(String what, int atLeast, Predicate<Scenario> test) {
    long count = SAMPLE.stream().filter(test).count();
    assertTrue(count >= atLeast, what + ": " + count + " of " + SCENARIOS + " scenarios");
  }

  private static boolean anyCampaign(Scenario s, Predicate<Scenario.CampaignPlan> test) {
    return s.campaigns().stream().anyMatch(test);
  }

  /**
   * Whether {@code zone} springs forward within the first days of {@code s}; at midnight if asked.
   */
  private static boolean springsForward(Scenario s, String zone, boolean overMidnight) {
    Instant end = s.start().plus(SIMULATED_DAYS);
    ZoneOffsetTransition next = ZoneId.of(zone).getRules().nextTransition(s.start());
    for (; next != null && next.getInstant().isBefore(end); ) {
      if (next.isGap()
          && (!overMidnight
              || next.getDateTimeBefore().toLocalTime().equals(LocalTime.MIDNIGHT)
              || !next.getDateTimeBefore()
                  .toLocalDate()
                  .equals(next.getDateTimeAfter().toLocalDate()))) {
        return true;
      }
      next = ZoneId.of(zone).getRules().nextTransition(next.getInstant());
    }
    return false;
  }

  private static String zone(Scenario.CampaignPlan plan) {
    return plan.request().timezone();
  }

  @Test
  void campaigns_run_over_a_skipped_local_midnight() {
    reached(
        "a campaign's zone skips midnight in the first days",
        10,
        s -> anyCampaign(s, c -> springsForward(s, zone(c), true)));
  }

  @Test
  void campaigns_run_over_new_yorks_spring_forward() {
    reached(
        "a New York campaign over its spring-forward",
        8,
        s ->
            anyCampaign(
                s,
                c ->
                    zone(c).equals("America/New_York")
                        && springsForward(s, "America/New_York", false)));
  }

  @Test
  void scenarios_start_far_in_the_past_and_the_future() {
    reached("before 1900", 3, s -> s.start().isBefore(Instant.parse("1900-01-01T00:00:00Z")));
    reached("after 2300", 5, s -> s.start().isAfter(Instant.parse("2300-01-01T00:00:00Z")));
  }

  @Test
  void requests_carry_bad_and_duplicate_phones_overrides_and_variables() {
    reached("skipped invalid phones", 40, s -> anyCampaign(s, c -> !c.invalidIndexes().isEmpty()));
    reached("a create refused for invalid phones", 10, s -> anyCampaign(s, c -> c.rejected()));
    reached("duplicate phones", 90, s -> anyCampaign(s, c -> !c.duplicateIndexes().isEmpty()));
    reached(
        "prompt overrides",
        90,
        s -> anyCampaign(s, c -> c.dialable().stream().anyMatch(r -> r.promptOverride() != null)));
    reached(
        "variables",
        90,
        s -> anyCampaign(s, c -> c.dialable().stream().anyMatch(r -> !r.variables().isEmpty())));
  }

  @Test
  void identical_requests_are_created_again_after_the_first_left_the_schedule() {
    reached(
        "a twin created after its first was launched or canceled",
        30,
        s ->
            s.ops().stream()
                .anyMatch(
                    create ->
                        create.action() == Scenario.Action.CREATE
                            && create.at().isAfter(s.start())
                            && s.ops().stream()
                                .anyMatch(
                                    leave ->
                                        leave.campaign().request() == create.campaign().request()
                                            && leave.campaign() != create.campaign()
                                            && (leave.action() == Scenario.Action.CANCEL
                                                || leave.action() == Scenario.Action.LAUNCH)
                                            && leave.at().isBefore(create.at()))));
  }
}
