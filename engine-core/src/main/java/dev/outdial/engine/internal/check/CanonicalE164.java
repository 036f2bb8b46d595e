package dev.outdial.engine.internal.check;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a phone already written in canonical E.164 ({@code +}, then 3 to 15 digits, the first not
 * {@code 0}) into exactly the {@link PhoneNumber} that {@code PhoneNumberUtil.parse(phone, null)}
 * returns for it, without parse's text handling; or answers {@code null} whenever parse could do
 * anything else with it (fail, strip a national prefix), so that the caller parses it instead.
 * Thread-safe.
 *
 * <p>Why it is the same number: for such text parse finds no RFC 3966 context, no extension (every
 * extension pattern needs a label or separator that is not a digit), a viable number ({@code +} and
 * three digits or more), and a country calling code that it takes, as here, from the first 1, 2 or
 * 3 digits that libphonenumber knows as one. What is left is the national number, unless the
 * metadata of the calling code's main region has a national prefix for parsing that matches at its
 * start and consumes or captures digits: only then may parse strip or transform digits, and only
 * then (or when fewer than two digits are left) this answers {@code null}. Parse then sets the
 * Italian leading zeros and the national number from the same digits, as {@link #read} does.
 */
final class CanonicalE164 {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();

  /** libphonenumber's region code for non-geographical entities (+800, +881, ...). */
  private static final String NON_GEOGRAPHICAL = "001";

  // parse's viability check wants three digits after a '+'; E.164 stops at 15.
  private static final int MIN_DIGITS = 3;
  private static final int MAX_DIGITS = 15;
  private static final int MAX_CALLING_CODE_DIGITS = 3;
  private static final int MIN_NATIONAL_DIGITS = 2;

  private static final boolean[] KNOWN_CALLING_CODE = knownCallingCodes();

  /** Per calling code, filled on first use; a race only computes the same value twice. */
  private static final AtomicReferenceArray<NationalPrefix> PREFIXES =
      new AtomicReferenceArray<>(KNOWN_CALLING_CODE.length);

  private CanonicalE164() {}

  /**
   * The number parse would give for {@code phone}, or {@code null} when {@code phone} is not
   * canonical E.164 or parse might read it otherwise (then ask parse).
   */
  static @Nullable PhoneNumber read(String phone) {
    int length = phone.length();
    if (length < 1 + MIN_DIGITS || length > 1 + MAX_DIGITS || phone.charAt(0) != '+') {
      return null;
    }
    for (int i = 1; i < length; i++) {
      char c = phone.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    if (phone.charAt(1) == '0') {
      return null;
    }
    int callingCode = 0;
    int nationalStart = 0;
    for (int end = 2; end <= 1 + MAX_CALLING_CODE_DIGITS; end++) {
      int candidate = Integer.parseInt(phone, 1, end, 10);
      if (KNOWN_CALLING_CODE[candidate]) {
        callingCode = candidate;
        nationalStart = end;
        break;
      }
    }
    if (callingCode == 0 || length - nationalStart < MIN_NATIONAL_DIGITS) {
      return null;
    }
    String national = phone.substring(nationalStart);
    if (prefix(callingCode).mayStrip(national)) {
      return null;
    }
    PhoneNumber number = new PhoneNumber().setCountryCode(callingCode);
    setItalianLeadingZeros(national, number);
    return number.setNationalNumber(Long.parseLong(national));
  }

  /** As libphonenumber's (package-private) {@code setItalianLeadingZerosForPhoneNumber}. */
  private static void setItalianLeadingZeros(String national, PhoneNumber number) {
    if (national.length() > 1 && national.charAt(0) == '0') {
      number.setItalianLeadingZero(true);
      int zeros = 1;
      // An all-zero national number keeps its last zero as the number itself.
      while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
        zeros++;
      }
      if (zeros != 1) {
        number.setNumberOfLeadingZeros(zeros);
      }
    }
  }

  private static NationalPrefix prefix(int callingCode) {
    NationalPrefix prefix = PREFIXES.get(callingCode);
    if (prefix == null) {
      prefix = NationalPrefix.of(callingCode);
      PREFIXES.set(callingCode, prefix);
    }
    return prefix;
  }

  private static boolean[] knownCallingCodes() {
    boolean[] known = new boolean[1000];
    for (int code : UTIL.getSupportedCallingCodes()) {
      known[code] = true;
    }
    return known;
  }

  /**
   * The national prefix for parsing of a calling code's main region (the metadata parse uses), or
   * null when it has none.
   */
  private record NationalPrefix(@Nullable Pattern pattern) {

    static NationalPrefix of(int callingCode) {
      String region = UTIL.getRegionCodeForCountryCode(callingCode);
      PhoneMetadata metadata =
          NON_GEOGRAPHICAL.equals(region)
              ? METADATA.getMetadataForNonGeographicalRegion(callingCode)
              : METADATA.getMetadataForRegion(region);
      String prefix = metadata == null ? "" : metadata.getNationalPrefixForParsing();
      return new NationalPrefix(prefix.isEmpty() ? null : Pattern.compile(prefix));
    }

    /**
     * Whether parse might change {@code national}: its prefix pattern matches at the start and
     * either consumes digits or captures some for a transform rule. An empty match that captures
     * nothing (Argentina's optional prefix, on most of its numbers) makes parse delete zero digits.
     */
    boolean mayStrip(String national) {
      if (pattern == null) {
        return false;
      }
      Matcher matcher = pattern.matcher(national);
      if (!matcher.lookingAt()) {
        return false;
      }
      int groups = matcher.groupCount();
      return matcher.end() > 0 || (groups > 0 && matcher.group(groups) != null);
    }
  }
}
