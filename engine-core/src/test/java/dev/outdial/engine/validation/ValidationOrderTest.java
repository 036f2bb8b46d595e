package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.fields;
import static dev.outdial.engine.validation.ValidationFixtures.phones;
import static dev.outdial.engine.validation.ValidationFixtures.reject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Rejection;
import dev.outdial.engine.internal.check.CampaignSpec;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §1: the groups are checked in order and the first failing group is the answer, with every
 * problem of that group.
 */
class ValidationOrderTest {

  /** Broken in every group: missing, invalid, creation and phone problems, two of each. */
  private static BatchCampaignRequest.Builder brokenEverywhere() {
    return BatchCampaignRequest.builder()
        .agentId("agent_ghost")
        .prompt(" ")
        .scheduleType("schedule")
        .scheduledDate(null)
        .windowStartMinutes(2000)
        .windowDays(List.of("mon", "someday"))
        .timezone("+01:00")
        .recipients(phones("12345", "+44123"));
  }

  @Test
  void a_request_broken_in_every_group_answers_only_missing_field() {
    Rejection rejection = reject(brokenEverywhere());

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("prompt", "scheduled_date"), fields(rejection));
  }

  @Test
  void invalid_field_is_answered_once_nothing_is_missing() {
    Rejection rejection = reject(brokenEverywhere().prompt("Remind").scheduledDate("2026-02-30"));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(
        List.of("scheduled_date", "window_start_minutes", "window_end_minutes", "window_days[1]"),
        fields(rejection));
  }

  @Test
  void campaign_creation_failed_is_answered_once_every_field_is_well_formed() {
    Rejection rejection =
        reject(
            brokenEverywhere()
                .prompt("Remind")
                .scheduledDate("2026-06-15")
                .window(540, 1080)
                .windowDays(List.of("mon")));

    assertEquals(ErrorCode.CAMPAIGN_CREATION_FAILED, rejection.code());
    assertEquals(CreationFailureReason.INVALID_TIMEZONE, rejection.reason());
    assertEquals(List.of("timezone", "agent_id"), fields(rejection));
  }

  @Test
  void invalid_phone_format_is_answered_last() {
    BatchCampaignRequest.Builder request =
        brokenEverywhere()
            .prompt("Remind")
            .scheduledDate("2026-06-15")
            .window(540, 1080)
            .windowDays(List.of("mon"))
            .timezone("Europe/Paris")
            .agentId("agent_one");

    Rejection rejection = reject(request);

    assertEquals(ErrorCode.INVALID_PHONE_FORMAT, rejection.code());
    assertEquals(List.of("recipients[0].phone", "recipients[1].phone"), fields(rejection));
    CampaignSpec fixed = accept(request.recipients(phones("+447111000001")));
    assertArrayEquals(new long[] {447111000001L}, fixed.phones());
    assertEquals("agent_one", fixed.agentId());
    assertEquals(ZoneId.of("Europe/Paris"), fixed.zone());
    assertEquals(LocalDate.parse("2026-06-15"), fixed.scheduledDate());
    assertEquals(
        CallingWindow.of(ZoneId.of("Europe/Paris"), 540, 1080, EnumSet.of(DayOfWeek.MONDAY)),
        fixed.window());
  }
}
