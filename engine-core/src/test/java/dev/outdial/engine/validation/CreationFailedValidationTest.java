package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.NO_NUMBER;
import static dev.outdial.engine.validation.ValidationFixtures.ONE_NUMBER;
import static dev.outdial.engine.validation.ValidationFixtures.OTHER_FROM;
import static dev.outdial.engine.validation.ValidationFixtures.SEED_FROM;
import static dev.outdial.engine.validation.ValidationFixtures.TWO_NUMBERS;
import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.fields;
import static dev.outdial.engine.validation.ValidationFixtures.reasons;
import static dev.outdial.engine.validation.ValidationFixtures.reject;
import static dev.outdial.engine.validation.ValidationFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CreationFailureReason;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §1 group 3: {@code campaign_creation_failed} and its reasons. */
class CreationFailedValidationTest {

  private static void assertFailure(
      Rejection rejection, CreationFailureReason reason, String field, String named) {
    assertEquals(ErrorCode.CAMPAIGN_CREATION_FAILED, rejection.code());
    assertEquals(reason, rejection.reason());
    assertEquals(List.of(field), fields(rejection));
    assertEquals(List.of(reason.code()), reasons(rejection));
    assertTrue(rejection.message().contains(named), rejection.message());
  }

  @Test
  void unknown_timezone_is_invalid_timezone_naming_it() {
    Rejection rejection = reject(valid().timezone("Mars/Olympus"));

    assertFailure(rejection, CreationFailureReason.INVALID_TIMEZONE, "timezone", "'Mars/Olympus'");
    assertTrue(rejection.message().contains("timezone 'Mars/Olympus' is not an IANA zone"));
    assertEquals("Mars/Olympus", rejection.problems().get(0).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"+01:00", "Z", "UTC+1", "GMT+01:00", "europe/london", ""})
  void offsets_and_non_region_ids_are_invalid_timezone(String timezone) {
    assertFailure(
        reject(valid().timezone(timezone)),
        CreationFailureReason.INVALID_TIMEZONE,
        "timezone",
        "'" + timezone + "'");
  }

  @Test
  void unknown_agent_is_agent_not_found() {
    assertFailure(
        reject(valid().agentId("agent_ghost")),
        CreationFailureReason.AGENT_NOT_FOUND,
        "agent_id",
        "'agent_ghost'");
  }

  @Test
  void invalid_timezone_and_unknown_agent_are_both_listed_and_the_first_is_the_reason() {
    Rejection rejection = reject(valid().timezone("Mars/Olympus").agentId("agent_ghost"));

    assertEquals(ErrorCode.CAMPAIGN_CREATION_FAILED, rejection.code());
    assertEquals(CreationFailureReason.INVALID_TIMEZONE, rejection.reason());
    assertEquals(List.of("timezone", "agent_id"), fields(rejection));
    assertEquals(List.of("invalid_timezone", "agent_not_found"), reasons(rejection));
    assertTrue(rejection.message().contains("Mars/Olympus"), rejection.message());
    assertTrue(rejection.message().contains("agent_ghost"), rejection.message());
  }

  @Test
  void invalid_timezone_and_unowned_from_number_are_both_listed() {
    Rejection rejection = reject(valid().timezone("+01:00").fromNumber(OTHER_FROM));

    assertEquals(List.of("invalid_timezone", "from_number_not_owned"), reasons(rejection));
  }

  @Test
  void from_number_not_among_the_agents_numbers_is_not_owned() {
    Rejection rejection = reject(valid().fromNumber(OTHER_FROM));

    assertFailure(
        rejection, CreationFailureReason.FROM_NUMBER_NOT_OWNED, "from_number", OTHER_FROM);
    assertTrue(rejection.message().contains(ONE_NUMBER.agentId()), rejection.message());
    assertEquals(OTHER_FROM, rejection.problems().get(0).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"447446466847", "not a number", "+", ""})
  void unparseable_from_number_is_not_owned(String from) {
    assertFailure(
        reject(valid().fromNumber(from)),
        CreationFailureReason.FROM_NUMBER_NOT_OWNED,
        "from_number",
        "'" + from + "'");
  }

  @Test
  void from_number_is_compared_in_e164_however_either_side_is_written() {
    assertEquals(SEED_FROM, accept(valid().fromNumber("+44 7446 466847")).fromNumber());
    assertEquals(
        OTHER_FROM,
        accept(valid().agentId(TWO_NUMBERS.agentId()).fromNumber(OTHER_FROM)).fromNumber());
  }

  @Test
  void absent_from_number_with_several_agent_numbers_is_from_number_required() {
    Rejection rejection = reject(valid().agentId(TWO_NUMBERS.agentId()));

    assertFailure(
        rejection, CreationFailureReason.FROM_NUMBER_REQUIRED, "from_number", "agent_two");
    assertEquals(
        new Problem(
            "from_number",
            null,
            null,
            "from_number_required",
            "from_number is required: agent 'agent_two' has 2 outbound numbers"),
        rejection.problems().get(0));
  }

  @Test
  void absent_from_number_with_no_agent_number_is_no_outbound_number() {
    assertFailure(
        reject(valid().agentId(NO_NUMBER.agentId())),
        CreationFailureReason.NO_OUTBOUND_NUMBER,
        "from_number",
        "agent_none");
  }

  @Test
  void absent_from_number_with_exactly_one_agent_number_uses_it() {
    assertEquals(SEED_FROM, accept(valid()).fromNumber());
  }
}
