package dev.outdial.engine.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CanonicalE164} on the cases that make E.164 hard (Italian leading zeros, calling codes
 * shared by several regions, national prefixes written after the code) and, exhaustively, on every
 * one-digit change of every example number libphonenumber ships.
 */
class CanonicalE164Test {

  @Test
  void every_one_digit_change_of_every_example_number_gets_the_verdict_of_parsing() {
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    for (String example : E164Samples.EXAMPLES) {
      for (String phone : oneDigitChanges(example)) {
        checked++;
        if (!PhoneNumbers.checkRecipient(phone)
            .equals(PhoneNumbers.checkRecipientByParsing(phone))) {
          disagreements.add(phone);
        }
      }
    }
    assertTrue(checked > 100_000, "only " + checked + " phones checked");
    assertEquals(List.of(), disagreements);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+447400123456", // GB mobile
        "+12025550123", // +1 shared by the US, Canada and the Caribbean
        "+16135550123", // Canada
        "+79123456789", // +7 shared by Russia and Kazakhstan
        "+77012345678", // Kazakhstan
        "+447797123456", // +44 shared with Jersey, Guernsey, the Isle of Man
        "+390612345678", // Italy, a fixed line with its leading zero
        "+80012345678", // non-geographical: international freephone
        "+5491123456789", // Argentina, whose optional national prefix matches nothing here
      })
  void canonical_numbers_take_the_fast_path_and_are_valid(String phone) {
    assertNotNull(CanonicalE164.read(phone), phone);
    PhoneNumbers.Checked checked = PhoneNumbers.checkRecipient(phone);
    assertEquals(new PhoneNumbers.Checked(Long.parseLong(phone.substring(1)), null), checked);
  }

  @Test
  void italian_leading_zeros_are_kept_as_parse_keeps_them() {
    PhoneNumber number = CanonicalE164.read("+390012345678");

    assertNotNull(number);
    assertTrue(number.isItalianLeadingZero());
    assertEquals(2, number.getNumberOfLeadingZeros());
    assertEquals(12345678L, number.getNationalNumber());
  }

  @Test
  void a_national_prefix_written_after_the_code_is_left_to_parse() {
    // Parse strips the UK trunk 0: +44 07400 123456 is the valid +44 7400 123456.
    assertNull(CanonicalE164.read("+4407400123456"));
    assertEquals(
        new PhoneNumbers.Checked(447400123456L, null),
        PhoneNumbers.checkRecipient("+4407400123456"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+", "+4", "+44", "+0447400123456", "+2", "+999123456", "+4474001234567890"})
  void what_is_not_canonical_with_a_known_code_is_left_to_parse(String phone) {
    assertNull(CanonicalE164.read(phone), phone);
    assertEquals(
        PhoneNumbers.checkRecipientByParsing(phone), PhoneNumbers.checkRecipient(phone), phone);
  }

  @Test
  void a_canonical_number_that_is_not_valid_is_an_invalid_number() {
    assertNotNull(CanonicalE164.read("+447700900123"));
    assertEquals(
        PhoneNumbers.Fault.INVALID_NUMBER, PhoneNumbers.checkRecipient("+447700900123").fault());
  }

  /** Each digit after the {@code +} replaced by each other digit, and a 0 after the first 1-3. */
  private static List<String> oneDigitChanges(String example) {
    String digits = example.substring(1);
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < digits.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != digits.charAt(i)) {
          phones.add("+" + digits.substring(0, i) + d + digits.substring(i + 1));
        }
      }
    }
    for (int i = 1; i <= 3; i++) {
      phones.add("+" + digits.substring(0, i) + "0" + digits.substring(i));
    }
    return phones;
  }
}
