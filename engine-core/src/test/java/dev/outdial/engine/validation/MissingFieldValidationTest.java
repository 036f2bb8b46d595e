package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.fields;
import static dev.outdial.engine.validation.ValidationFixtures.reasons;
import static dev.outdial.engine.validation.ValidationFixtures.reject;
import static dev.outdial.engine.validation.ValidationFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §1 group 1: {@code missing_field}. */
class MissingFieldValidationTest {

  @Test
  void absent_agent_id_is_missing_field() {
    Rejection rejection = reject(valid().agentId(null));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertNull(rejection.reason());
    assertEquals(
        List.of(new Problem("agent_id", null, null, "missing", rejection.message())),
        rejection.problems());
    assertTrue(rejection.message().contains("agent_id is missing"), rejection.message());
  }

  @Test
  void blank_agent_id_is_missing_field() {
    Rejection rejection = reject(valid().agentId("  "));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("agent_id"), fields(rejection));
    assertEquals(List.of("blank"), reasons(rejection));
  }

  @Test
  void absent_prompt_is_missing_field_because_every_campaign_needs_a_call_purpose() {
    Rejection rejection = reject(valid().prompt(null));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("prompt"), fields(rejection));
    assertTrue(rejection.message().contains("call purpose"), rejection.message());
  }

  @Test
  void blank_prompt_is_missing_field() {
    Rejection rejection = reject(valid().prompt(" \n\t"));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("prompt"), fields(rejection));
    assertEquals(List.of("blank"), reasons(rejection));
  }

  @Test
  void absent_recipients_is_missing_field() {
    Rejection rejection = reject(valid().recipients(null));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("recipients"), fields(rejection));
    assertEquals(List.of("missing"), reasons(rejection));
  }

  @Test
  void empty_recipients_is_missing_field() {
    Rejection rejection = reject(valid().recipients(List.of()));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("recipients"), fields(rejection));
    assertEquals(List.of("empty"), reasons(rejection));
  }

  @Test
  void scheduled_date_is_required_when_schedule_type_is_schedule() {
    Rejection rejection = reject(valid().scheduleType("schedule"));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("scheduled_date"), fields(rejection));
    assertTrue(rejection.message().contains("schedule"), rejection.message());
  }

  @Test
  void blank_scheduled_date_with_schedule_is_missing_field() {
    Rejection rejection = reject(valid().scheduleType("schedule").scheduledDate(""));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("scheduled_date"), fields(rejection));
  }

  @Test
  void scheduled_date_is_not_required_for_now_or_absent_schedule_type() {
    assertNull(accept(valid().scheduleType("now")).scheduledDate());
    assertNull(accept(valid()).scheduledDate());
  }

  @Test
  void every_missing_field_is_listed_in_request_order() {
    Rejection rejection =
        reject(valid().agentId("").prompt(null).recipients(List.of()).scheduleType("schedule"));

    assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
    assertEquals(List.of("agent_id", "prompt", "recipients", "scheduled_date"), fields(rejection));
    assertTrue(
        rejection.message().startsWith("4 required fields are missing"), rejection.message());
    assertTrue(rejection.message().endsWith("and 1 more"), rejection.message());
  }
}
