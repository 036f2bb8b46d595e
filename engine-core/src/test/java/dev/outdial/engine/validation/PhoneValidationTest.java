package dev.outdial.engine.validation;

import static dev.outdial.engine.validation.ValidationFixtures.PHONE_1;
import static dev.outdial.engine.validation.ValidationFixtures.PHONE_2;
import static dev.outdial.engine.validation.ValidationFixtures.PHONE_3;
import static dev.outdial.engine.validation.ValidationFixtures.accept;
import static dev.outdial.engine.validation.ValidationFixtures.fields;
import static dev.outdial.engine.validation.ValidationFixtures.phones;
import static dev.outdial.engine.validation.ValidationFixtures.reasons;
import static dev.outdial.engine.validation.ValidationFixtures.reject;
import static dev.outdial.engine.validation.ValidationFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.Rejection;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.PhoneNumbers;
import dev.outdial.engine.internal.check.RecipientExtras;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §1 group 4: {@code invalid_phone_format}, {@code skip_invalid} and duplicate phones. */
class PhoneValidationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "07111000001          | not_international",
        "447111000001         | not_international",
        "+44 7111 000001 ext 2| invalid_characters",
        "+44/7111/000001      | invalid_characters",
        "+44\t7111000001      | invalid_characters",
        "+                    | unparseable",
        "+()                  | unparseable",
        "+44123               | invalid_number",
        "+447700900123        | invalid_number",
        "+12125550100x        | invalid_characters",
      })
  void each_bad_phone_is_reported_with_its_reason(String phone, String reason) {
    Rejection rejection =
        reject(valid().recipients(List.of(Recipient.of(PHONE_1), Recipient.of(phone))));

    assertEquals(ErrorCode.INVALID_PHONE_FORMAT, rejection.code());
    assertNull(rejection.reason());
    Problem problem = rejection.problems().get(0);
    assertEquals(1, rejection.problems().size());
    assertEquals("recipients[1].phone", problem.field());
    assertEquals(1, problem.index());
    assertEquals(phone, problem.value());
    assertEquals(reason, problem.reason());
    assertTrue(problem.message().contains("'" + phone + "'"), problem.message());
  }

  @Test
  void absent_or_blank_phone_is_missing() {
    Rejection rejection =
        reject(
            valid()
                .recipients(
                    List.of(
                        new Recipient(null, Map.of(), null), new Recipient(" ", Map.of(), null))));

    assertEquals(ErrorCode.INVALID_PHONE_FORMAT, rejection.code());
    assertEquals(List.of("missing", "missing"), reasons(rejection));
    assertEquals("recipients[0].phone is missing", rejection.problems().get(0).message());
  }

  @Test
  void skip_invalid_false_rejects_the_request_listing_every_bad_phone() {
    Rejection rejection =
        reject(valid().recipients(phones("12345", PHONE_1, "+44123", PHONE_2, "+44 71x")));

    assertEquals(ErrorCode.INVALID_PHONE_FORMAT, rejection.code());
    assertEquals(
        List.of("recipients[0].phone", "recipients[2].phone", "recipients[4].phone"),
        fields(rejection));
    assertEquals(
        List.of("not_international", "invalid_number", "invalid_characters"), reasons(rejection));
    assertEquals(
        "3 recipient phones are invalid: recipients[0] '12345' is not international (needs a"
            + " leading +); recipients[2] '+44123' is not a valid number for its country;"
            + " recipients[4] '+44 71x' has characters other than digits, spaces, '-', '.', '('"
            + " and ')'",
        rejection.message());
  }

  @Test
  void the_rejection_message_stays_bounded_when_many_phones_are_bad() {
    Rejection rejection = reject(valid().recipients(phones("1", "2", "3", "4", "5", "6", PHONE_1)));

    assertEquals(6, rejection.problems().size());
    assertTrue(rejection.message().endsWith("; and 3 more"), rejection.message());
  }

  @Test
  void skip_invalid_true_dials_valid_numbers_and_lists_invalid_ones() {
    CampaignSpec spec =
        accept(valid().skipInvalid(true).recipients(phones("12345", PHONE_1, "+44123", PHONE_2)));

    assertArrayEquals(new long[] {447111000001L, 447111000002L}, spec.phones());
    assertEquals(
        List.of(
            new InvalidRecipient(0, "12345", "not_international"),
            new InvalidRecipient(2, "+44123", "invalid_number")),
        spec.invalid());
  }

  @Test
  void skip_invalid_true_with_nothing_valid_left_still_fails_with_invalid_phone_format() {
    Rejection rejection = reject(valid().skipInvalid(true).recipients(phones("12345", "+44123")));

    assertEquals(ErrorCode.INVALID_PHONE_FORMAT, rejection.code());
    assertEquals(List.of("recipients[0].phone", "recipients[1].phone"), fields(rejection));
    assertTrue(
        rejection.message().startsWith("no recipient is left to dial: all 2 phones are invalid"),
        rejection.message());
  }

  @Test
  void separators_are_tolerated_and_phones_are_stored_as_e164_digits() {
    CampaignSpec spec =
        accept(
            valid()
                .recipients(
                    phones(" +44 (0)7111 000001 ", "+44-7111-000.002", "+1 (202) 456-1111")));

    assertArrayEquals(new long[] {447111000001L, 447111000002L, 12024561111L}, spec.phones());
    assertEquals("+447111000001", PhoneNumbers.e164(spec.phones()[0]));
    assertEquals(List.of(), spec.invalid());
  }

  @Test
  void later_copies_of_a_phone_are_dropped_and_reported() {
    CampaignSpec spec =
        accept(
            valid()
                .recipients(
                    phones(PHONE_1, PHONE_2, "+44 7111 000001", PHONE_3, PHONE_2, PHONE_1)));

    assertArrayEquals(new long[] {447111000001L, 447111000002L, 447111000003L}, spec.phones());
    assertEquals(List.of(2, 4, 5), spec.duplicateIndexes());
  }

  @Test
  void invalid_entries_are_not_counted_as_duplicates() {
    CampaignSpec spec =
        accept(valid().skipInvalid(true).recipients(phones("12345", PHONE_1, "12345", PHONE_1)));

    assertEquals(List.of(0, 2), spec.invalid().stream().map(InvalidRecipient::index).toList());
    assertEquals(List.of(3), spec.duplicateIndexes());
    assertArrayEquals(new long[] {447111000001L}, spec.phones());
  }

  @Test
  void extras_are_kept_aligned_with_dialled_phones_only_for_recipients_that_have_any() {
    CampaignSpec spec =
        accept(
            valid()
                .skipInvalid(true)
                .recipients(
                    List.of(
                        new Recipient("bad", Map.of("patient_name", "Ann"), null),
                        Recipient.of(PHONE_1),
                        Recipient.of(PHONE_2, Map.of("patient_name", "John")),
                        new Recipient(PHONE_3, Map.of(), "Ask about the x-ray instead."))));

    RecipientExtras[] extras = spec.extras();
    assertEquals(3, extras.length);
    assertNull(extras[0]);
    assertEquals(new RecipientExtras(Map.of("patient_name", "John"), null), extras[1]);
    assertEquals(new RecipientExtras(Map.of(), "Ask about the x-ray instead."), extras[2]);
  }

  @Test
  void extras_are_absent_when_no_recipient_has_variables_or_an_override() {
    assertNull(accept(valid()).extras());
  }
}
