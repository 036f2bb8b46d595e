package dev.outdial.engine.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The E.164 fast path of {@link PhoneNumbers#checkRecipient} is exactly as strict as parsing: on
 * every generated phone the verdict (fault and digits) equals {@link
 * PhoneNumbers#checkRecipientByParsing}'s, and wherever {@link CanonicalE164} answers, its number
 * is the very {@link PhoneNumber} libphonenumber's parse returns (country code, national number,
 * Italian leading zeros, no extension). Phones are real example numbers of every region, type and
 * non-geographical entity, their mutations, and random digits after every known calling code.
 */
class CanonicalE164Properties {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  @Property(tries = 20_000)
  void the_fast_path_gives_the_verdict_of_parsing(@ForAll("phones") String phone) {
    PhoneNumbers.Checked expected = PhoneNumbers.checkRecipientByParsing(phone);

    assertEquals(expected, PhoneNumbers.checkRecipient(phone), phone);
    Statistics.label("verdict").collect(expected.fault() == null ? "valid" : expected.fault());
    Statistics.label("fast path").collect(CanonicalE164.read(phone) != null);
  }

  @Property(tries = 20_000)
  void a_fast_path_number_is_the_number_parse_returns(@ForAll("phones") String phone) {
    PhoneNumber fast = CanonicalE164.read(phone);
    if (fast != null) {
      assertEquals(parsed(phone), fast, phone);
    }
  }

  @Provide
  Arbitrary<String> phones() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, examples()),
        net.jqwik.api.Tuple.of(4, mutatedExamples()),
        net.jqwik.api.Tuple.of(4, afterCallingCode()),
        net.jqwik.api.Tuple.of(1, anyDigits()));
  }

  private static Arbitrary<String> examples() {
    return Arbitraries.of(E164Samples.EXAMPLES);
  }

  /** One edit of a real number: a digit changed, inserted or dropped, a 0 after the code, ... */
  private static Arbitrary<String> mutatedExamples() {
    return Combinators.combine(
            examples(),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(1, 16),
            Arbitraries.chars().range('0', '9'))
        .as(CanonicalE164Properties::mutate);
  }

  private static String mutate(String example, int kind, int at, char digit) {
    String digits = example.substring(1);
    int i = Math.min(at, digits.length());
    int j = Math.min(at, digits.length() - 1);
    return "+"
        + switch (kind) {
          case 0 -> digits.substring(0, j) + digit + digits.substring(j + 1);
          case 1 -> digits.substring(0, i) + digit + digits.substring(i);
          case 2 -> digits.substring(0, j) + digits.substring(j + 1);
          case 3 -> digits.substring(0, i);
          case 4 -> digits + digit;
          default -> digits.substring(0, Math.min(i, 3)) + "0" + digits.substring(Math.min(i, 3));
        };
  }

  /** A known calling code, then 0 to 14 random digits (any leading digit, 0 included). */
  private static Arbitrary<String> afterCallingCode() {
    return Combinators.combine(
            Arbitraries.of(E164Samples.CALLING_CODES),
            Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(14))
        .as((code, rest) -> "+" + code + rest)
        .map(phone -> phone.length() > 16 ? phone.substring(0, 16) : phone);
  }

  /** A {@code +} and 0 to 17 random digits: too short, too long, unknown codes, leading 0. */
  private static Arbitrary<String> anyDigits() {
    return Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(17).map(d -> "+" + d);
  }

  private static PhoneNumber parsed(String phone) {
    try {
      return UTIL.parse(phone, null);
    } catch (NumberParseException e) {
      throw new AssertionError("the fast path read " + phone + " but parse refuses it: " + e, e);
    }
  }
}
