package dev.outdial.engine.internal.check;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Real numbers from libphonenumber's own metadata: the example number of every type of every region
 * and non-geographical entity, in E.164, and every calling code it knows.
 */
final class E164Samples {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** Every example number, as {@code +} and digits, sorted and without repeats. */
  static final List<String> EXAMPLES = examples();

  /** Every calling code libphonenumber knows, as digits. */
  static final List<String> CALLING_CODES =
      UTIL.getSupportedCallingCodes().stream().sorted().map(String::valueOf).toList();

  private E164Samples() {}

  private static List<String> examples() {
    List<PhoneNumber> numbers = new ArrayList<>();
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : PhoneNumberType.values()) {
        numbers.add(UTIL.getExampleNumberForType(region, type));
      }
    }
    for (int callingCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
      numbers.add(UTIL.getExampleNumberForNonGeoEntity(callingCode));
    }
    TreeSet<String> e164 = new TreeSet<>();
    for (PhoneNumber number : numbers) {
      if (number != null) {
        e164.add(UTIL.format(number, PhoneNumberFormat.E164));
      }
    }
    return List.copyOf(e164);
  }
}
