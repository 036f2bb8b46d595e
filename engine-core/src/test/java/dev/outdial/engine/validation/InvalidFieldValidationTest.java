package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.AGENTS;
import static dev.outdial.engine.validation.ValidationFixtures.PHONE_1;
import static dev.outdial.engine.validation.ValidationFixtures.PHONE_2;
import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.fields;
import static dev.outdial.engine.validation.ValidationFixtures.reasons;
import static dev.outdial.engine.validation.ValidationFixtures.reject;
import static dev.outdial.engine.validation.ValidationFixtures.valid;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.Rejection;
import dev.outdial.engine.RequestLimits;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.RecipientExtras;
import dev.outdial.engine.internal.check.RequestValidator;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §1 group 2: {@code invalid_field}. */
class InvalidFieldValidationTest {
  /** The zone of agent_one, the agent of {@code valid()}. */
  private static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");

  private static void assertMessageNames(Rejection rejection, String value) {
    assertTrue(rejection.message().contains(value), rejection.message());
    for (Problem problem : rejection.problems()) {
      assertTrue(!problem.message().isBlank(), problem.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"later", "NOW", "Schedule", ""})
  void schedule_type_other_than_now_or_schedule_is_invalid_field(String type) {
    Rejection rejection = reject(valid().scheduleType(type));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("schedule_type"), fields(rejection));
    assertEquals(type, rejection.problems().get(0).value());
    assertMessageNames(rejection, "'" + type + "'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2026-02-30", "2026-6-15", "15/06/2026", "2026-06-15T09:00", "+2026-06-15"})
  void scheduled_date_must_be_a_real_yyyy_mm_dd_date(String date) {
    Rejection rejection = reject(valid().scheduleType("schedule").scheduledDate(date));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("scheduled_date"), fields(rejection));
    assertEquals(List.of("invalid_date"), reasons(rejection));
    assertMessageNames(rejection, date);
  }

  @Test
  void a_real_scheduled_date_is_kept_as_a_local_date() {
    assertEquals(
        LocalDate.of(2028, 2, 29),
        accept(valid().scheduleType("schedule").scheduledDate("2028-02-29")).scheduledDate());
  }

  @Test
  void scheduled_date_with_schedule_type_now_is_rejected_because_it_would_call_today() {
    for (String type : new String[] {null, "now"}) {
      Rejection rejection = reject(valid().scheduleType(type).scheduledDate("2026-06-15"));

      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertEquals(List.of("scheduled_date"), fields(rejection));
      assertEquals(List.of("without_schedule"), reasons(rejection));
      assertMessageNames(rejection, "'2026-06-15'");
      assertMessageNames(rejection, "would call today");
    }
  }

  @Test
  void only_one_window_minute_is_invalid_field_naming_the_absent_one() {
    Rejection startOnly = reject(valid().windowStartMinutes(540));
    Rejection endOnly = reject(valid().windowEndMinutes(1080));

    assertEquals(ErrorCode.INVALID_FIELD, startOnly.code());
    assertEquals(List.of("window_end_minutes"), fields(startOnly));
    assertEquals(List.of("missing_partner"), reasons(startOnly));
    assertMessageNames(startOnly, "540");
    assertEquals(List.of("window_start_minutes"), fields(endOnly));
    assertMessageNames(endOnly, "1080");
  }

  @Test
  void window_minutes_outside_their_ranges_are_invalid_field() {
    Rejection low = reject(valid().window(-1, 0));
    Rejection high = reject(valid().window(1440, 1441));

    assertEquals(ErrorCode.INVALID_FIELD, low.code());
    assertEquals(List.of("window_start_minutes", "window_end_minutes"), fields(low));
    assertEquals(List.of("out_of_range", "out_of_range"), reasons(low));
    assertEquals(List.of("-1", "0"), low.problems().stream().map(Problem::value).toList());
    assertEquals(List.of("window_start_minutes", "window_end_minutes"), fields(high));
    assertMessageNames(high, "1440 is outside 0..1439");
    assertMessageNames(high, "1441 is outside 1..1440");
  }

  @Test
  void window_range_edges_are_accepted_including_overnight() {
    // agent_one's zone is Asia/Dubai; minutes without days mean every day.
    Set<DayOfWeek> everyDay = EnumSet.allOf(DayOfWeek.class);
    assertEquals(
        CallingWindow.of(DUBAI, 0, 1440, everyDay), accept(valid().window(0, 1440)).window());
    CallingWindow overnight = accept(valid().window(1439, 1)).window();
    assertEquals(CallingWindow.of(DUBAI, 1439, 1, everyDay), overnight);
    assertTrue(overnight.overnight());
  }

  @Test
  void equal_window_minutes_are_invalid_field() {
    Rejection rejection = reject(valid().window(600, 600));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("window_end_minutes"), fields(rejection));
    assertEquals(List.of("empty_window"), reasons(rejection));
    assertMessageNames(rejection, "600");
  }

  @Test
  void empty_window_days_is_invalid_field() {
    Rejection rejection = reject(valid().windowDays(List.of()));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("window_days"), fields(rejection));
    assertEquals(List.of("empty"), reasons(rejection));
  }

  @Test
  void every_unknown_window_day_is_listed_by_position() {
    Rejection rejection =
        reject(valid().windowDays(List.of("mon", "monday", "FRI", "sunday ", "tues")));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("window_days[1]", "window_days[3]", "window_days[4]"), fields(rejection));
    assertEquals(
        List.of("monday", "sunday ", "tues"),
        rejection.problems().stream().map(Problem::value).toList());
    assertMessageNames(rejection, "'monday'");
  }

  @Test
  void a_null_window_day_is_invalid_field_at_its_position() {
    Rejection rejection = reject(valid().windowDays(Arrays.asList("mon", null, "someday")));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("window_days[1]", "window_days[2]"), fields(rejection));
    assertEquals(List.of("null_entry", "unknown_day"), reasons(rejection));
    assertNull(rejection.problems().get(0).value());
    assertNull(rejection.problems().get(0).index());
    assertMessageNames(rejection, "window_days[1] is null");
  }

  @Test
  void window_day_names_are_case_insensitive_and_duplicates_are_tolerated() {
    CallingWindow window = accept(valid().windowDays(List.of("Mon", "MON", "tue", "Sat"))).window();

    assertEquals(EnumSet.of(MONDAY, TUESDAY, SATURDAY), window.days());
    assertEquals(CallingWindow.wholeDays(DUBAI, EnumSet.of(MONDAY, TUESDAY, SATURDAY)), window);
  }

  @Test
  void a_null_recipient_entry_is_invalid_field_at_its_index_even_with_skip_invalid() {
    for (boolean skipInvalid : new boolean[] {false, true}) {
      Rejection rejection =
          reject(
              valid()
                  .skipInvalid(skipInvalid)
                  .recipients(Arrays.asList(Recipient.of(PHONE_1), null, Recipient.of(PHONE_2))));

      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertEquals(
          List.of(new Problem("recipients[1]", 1, null, "null_entry", rejection.message())),
          rejection.problems());
      assertMessageNames(rejection, "recipients[1] is null");
    }
  }

  @Test
  void blank_prompt_override_is_invalid_field_as_it_leaves_no_call_purpose() {
    Rejection rejection =
        reject(
            valid()
                .recipients(
                    List.of(Recipient.of(PHONE_1), new Recipient(PHONE_2, Map.of(), "   "))));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(
        List.of(
            new Problem("recipients[1].prompt_override", 1, "   ", "blank", rejection.message())),
        rejection.problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void a_blank_variable_name_is_invalid_field(String name) {
    Rejection rejection =
        reject(
            valid()
                .recipients(
                    List.of(
                        Recipient.of(PHONE_1),
                        new Recipient(PHONE_2, Map.of(name, "John", "ok", "1"), null))));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(List.of("recipients[1].variables." + name), fields(rejection));
    assertEquals(List.of("blank_name"), reasons(rejection));
    assertEquals(1, rejection.problems().get(0).index());
    assertEquals(
        "recipients[1] has a variable with a blank name: every variable needs a name",
        rejection.message());
  }

  @Test
  void text_holding_a_nul_character_is_invalid_field_since_no_store_could_keep_it() {
    Rejection rejection =
        reject(
            valid()
                .prompt("Remind\u0000 them")
                .name("a\u0000")
                .recipients(
                    List.of(
                        new Recipient(PHONE_1, Map.of("v\u0000", "x", "w", "\u0000"), "o\u0000"),
                        Recipient.of(PHONE_2))));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(
        List.of(
            "prompt",
            "name",
            "recipients[0].variables.v\u0000",
            "recipients[0].variables.w",
            "recipients[0].prompt_override"),
        fields(rejection));
    assertEquals(List.of("nul_character"), reasons(rejection).stream().distinct().toList());
    assertEquals(
        "prompt contains a NUL character (U+0000), which no text may hold",
        rejection.problems().get(0).message());
  }

  @Test
  void size_limits_are_invalid_field_naming_the_limit() {
    RequestLimits limits = new RequestLimits(2, 10, 5, 1, 4, 3);
    RequestValidator validator = new RequestValidator(AGENTS, limits);

    Rejection rejection =
        reject(
            validator,
            valid()
                .prompt("12345678901")
                .name("Tuesday")
                .recipients(
                    List.of(
                        new Recipient(PHONE_1, Map.of("b", "1", "a", "1234"), "a long override"),
                        new Recipient(PHONE_2, Map.of("long_name", "x"), null),
                        Recipient.of(PHONE_1))));

    assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
    assertEquals(
        List.of(
            "prompt",
            "name",
            "recipients",
            "recipients[0].variables",
            "recipients[0].variables.a",
            "recipients[0].prompt_override",
            "recipients[1].variables.long_name"),
        fields(rejection));
    assertEquals(
        List.of(
            "too_long",
            "too_long",
            "too_many",
            "too_many",
            "too_long",
            "too_long",
            "name_too_long"),
        reasons(rejection));
    List<Problem> problems = rejection.problems();
    assertTrue(problems.get(0).message().contains("maxPromptChars"));
    assertTrue(problems.get(0).message().contains("10"));
    assertTrue(problems.get(1).message().contains("'Tuesday'"));
    assertTrue(problems.get(1).message().contains("maxNameChars"));
    assertTrue(problems.get(2).message().contains("3 entries"));
    assertTrue(problems.get(2).message().contains("maxRecipients"));
    assertEquals(0, problems.get(3).index());
    assertTrue(problems.get(3).message().contains("recipients[0].variables has 2 entries"));
    assertTrue(problems.get(3).message().contains("maxVariablesPerRecipient"));
    assertEquals("1234", problems.get(4).value());
    assertTrue(problems.get(4).message().contains("maxVariableValueChars"));
    assertTrue(problems.get(5).message().contains("maxPromptChars"));
    assertEquals(1, problems.get(6).index());
    assertTrue(problems.get(6).message().contains("'long_name'"));
    assertTrue(problems.get(6).message().contains("maxVariableNameChars"));
    assertTrue(rejection.message().startsWith("7 fields are invalid: "), rejection.message());
    assertTrue(rejection.message().endsWith("; and 4 more"), rejection.message());
  }

  @Test
  void values_at_the_limits_are_accepted() {
    RequestLimits limits = new RequestLimits(1, 10, 5, 1, 4, 3);
    RequestValidator validator = new RequestValidator(AGENTS, limits);

    CampaignSpec spec =
        validator.validate(
            valid()
                .prompt("1234567890")
                .name("12345")
                .recipients(List.of(new Recipient(PHONE_1, Map.of("abcd", "123"), "1234567890")))
                .build());

    assertEquals("1234567890", spec.prompt());
    assertEquals("12345", spec.name());
    assertArrayEquals(new long[] {447111000001L}, spec.phones());
    assertEquals(new RecipientExtras(Map.of("abcd", "123"), "1234567890"), spec.extras()[0]);
  }

  @Test
  void long_values_are_shortened_in_messages() {
    String prompt = "x".repeat(RequestLimits.DEFAULT.maxPromptChars() + 1);

    Rejection rejection = reject(valid().prompt(prompt));

    assertEquals(prompt, rejection.problems().get(0).value());
    assertTrue(rejection.message().length() < 200, rejection.message());
    assertNull(rejection.problems().get(0).index());
  }
}
