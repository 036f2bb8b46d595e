package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.BAD_ZONE;
import static dev.outdial.engine.validation.ValidationFixtures.ONE_NUMBER;
import static dev.outdial.engine.validation.ValidationFixtures.SEED_FROM;
import static dev.outdial.engine.validation.ValidationFixtures.TWO_NUMBERS;
import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.internal.check.CampaignSpec;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** SPEC §2: the campaign's zone and where it came from. */
class TimezoneResolutionTest {

  private static void assertZone(CampaignSpec spec, String zone, TimezoneSource source) {
    assertEquals(ZoneId.of(zone), spec.zone());
    assertEquals(source, spec.zoneSource());
  }

  @Test
  void timezone_order_is_campaign_then_agent_then_europe_london() {
    assertZone(
        accept(valid().agentId(ONE_NUMBER.agentId()).timezone("America/New_York")),
        "America/New_York",
        TimezoneSource.CAMPAIGN);
    assertZone(accept(valid().agentId(ONE_NUMBER.agentId())), "Asia/Dubai", TimezoneSource.AGENT);
    assertZone(
        accept(valid().agentId(TWO_NUMBERS.agentId()).fromNumber(SEED_FROM)),
        "Europe/London",
        TimezoneSource.DEFAULT);
  }

  @Test
  void campaign_timezone_wins_over_an_unusable_agent_timezone() {
    assertZone(
        accept(valid().agentId(BAD_ZONE.agentId()).timezone("Asia/Tokyo")),
        "Asia/Tokyo",
        TimezoneSource.CAMPAIGN);
  }

  @Test
  void unusable_agent_timezone_is_passed_over() {
    assertZone(
        accept(valid().agentId(BAD_ZONE.agentId())), "Europe/London", TimezoneSource.DEFAULT);
  }

  @Test
  void any_iana_region_id_known_to_java_time_is_accepted() {
    assertZone(accept(valid().timezone("Etc/GMT+1")), "Etc/GMT+1", TimezoneSource.CAMPAIGN);
    assertZone(accept(valid().timezone("UTC")), "UTC", TimezoneSource.CAMPAIGN);
  }
}
