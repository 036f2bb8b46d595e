package dev.outdial.engine.internal.check;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * E.164 phone numbers as {@code long} digits (without the {@code +}; E.164 has at most 15 digits),
 * read and checked with libphonenumber's metadata. Thread-safe.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MAX_E164_DIGITS = 15;

  private PhoneNumbers() {}

  /** Why a recipient phone cannot be dialled; {@link #code()} is the wire spelling. */
  public enum Fault {
    MISSING("missing", "is missing"),
    NOT_INTERNATIONAL("not_international", "is not international (needs a leading +)"),
    INVALID_CHARACTERS(
        "invalid_characters", "has characters other than digits, spaces, '-', '.', '(' and ')'"),
    UNPARSEABLE("unparseable", "cannot be read as a phone number"),
    INVALID_NUMBER("invalid_number", "is not a valid number for its country");

    private final String code;
    private final String description;

    Fault(String code, String description) {
      this.code = code;
      this.description = description;
    }

    /** The wire spelling, e.g. {@code not_international}. */
    public String code() {
      return code;
    }

    /** A predicate for a sentence about the phone, e.g. {@code is missing}. */
    public String description() {
      return description;
    }
  }

  /**
   * The outcome of {@link #checkRecipient}: E.164 digits when {@code fault} is {@code null}.
   *
   * @param digits the E.164 digits, or 0 when the phone is at fault
   * @param fault why the phone is not dialable, or {@code null}
   */
  public record Checked(long digits, @Nullable Fault fault) {}

  /**
   * Checks a recipient phone strictly (SPEC §1 group 4): present, a leading {@code +}, only digits
   * and the separators space, {@code -}, {@code .}, {@code (} and {@code )}, parseable and valid by
   * libphonenumber's metadata. A phone already in canonical E.164 skips parse's text handling
   * ({@link CanonicalE164}); the verdict is the same as {@link #checkRecipientByParsing}'s.
   */
  public static Checked checkRecipient(@Nullable String phone) {
    if (phone != null) {
      PhoneNumber canonical = CanonicalE164.read(phone);
      if (canonical != null) {
        return verdict(canonical);
      }
    }
    return checkRecipientByParsing(phone);
  }

  /**
   * {@link #checkRecipient} that parses every phone with libphonenumber, canonical or not: the
   * reference the fast path is held to (by a property test) and measured against.
   */
  public static Checked checkRecipientByParsing(@Nullable String phone) {
    if (phone == null || phone.isBlank()) {
      return new Checked(0, Fault.MISSING);
    }
    String trimmed = phone.strip();
    if (trimmed.charAt(0) != '+') {
      return new Checked(0, Fault.NOT_INTERNATIONAL);
    }
    for (int i = 1; i < trimmed.length(); i++) {
      if (!isDigitOrSeparator(trimmed.charAt(i))) {
        return new Checked(0, Fault.INVALID_CHARACTERS);
      }
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(trimmed, null);
    } catch (NumberParseException e) {
      return new Checked(0, Fault.UNPARSEABLE);
    }
    return verdict(number);
  }

  private static Checked verdict(PhoneNumber number) {
    if (!UTIL.isValidNumber(number)) {
      return new Checked(0, Fault.INVALID_NUMBER);
    }
    return new Checked(digits(number), null);
  }

  /**
   * Reads any number libphonenumber can parse in international form (a caller id or an agent's
   * number); unlike {@link #checkRecipient} it does not insist on metadata validity, so that a
   * host's own numbers compare equal however they are written.
   *
   * @return the E.164 digits, or empty when the text cannot be read
   */
  public static OptionalLong parseE164(@Nullable String phone) {
    if (phone == null || phone.isBlank()) {
      return OptionalLong.empty();
    }
    String e164;
    try {
      e164 = UTIL.format(UTIL.parse(phone.strip(), null), PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      return OptionalLong.empty();
    }
    // libphonenumber reads up to 17 national digits; E.164 (and a long) stops at 15 in all.
    return e164.length() > MAX_E164_DIGITS + 1
        ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(e164.substring(1)));
  }

  /** The E.164 text of digits, e.g. {@code +447111000001}. */
  public static String e164(long digits) {
    return "+" + digits;
  }

  private static long digits(PhoneNumber number) {
    return Long.parseLong(UTIL.format(number, PhoneNumberFormat.E164).substring(1));
  }

  private static boolean isDigitOrSeparator(char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
  }
}
