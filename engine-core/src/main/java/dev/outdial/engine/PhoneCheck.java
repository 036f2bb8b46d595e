package dev.outdial.engine;

import dev.outdial.engine.internal.check.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * A phone checked exactly as a create request checks its recipients' (SPEC §1 group 4), for a host
 * that takes numbers elsewhere (a suppression list): either its E.164 form ({@code +447111000001},
 * so {@code "+44 7111 000001"} and {@code "+447111000001"} are one number), or why it is not a
 * dialable number. Thread-safe, no state.
 *
 * @param e164 the number in E.164, or {@code null} when it is at fault
 * @param reason the fault's wire code ({@code missing}, {@code not_international}, {@code
 *     invalid_characters}, {@code unparseable}, {@code invalid_number}), or {@code null}
 * @param description a predicate about the phone for a sentence ({@code is not international (needs
 *     a leading +)}), or {@code null}
 */
public record PhoneCheck(
    @Nullable String e164, @Nullable String reason, @Nullable String description) {

  /** Checks {@code phone}; never throws. */
  public static PhoneCheck of(@Nullable String phone) {
    PhoneNumbers.Checked checked = PhoneNumbers.checkRecipient(phone);
    PhoneNumbers.Fault fault = checked.fault();
    return fault == null
        ? new PhoneCheck(PhoneNumbers.e164(checked.digits()), null, null)
        : new PhoneCheck(null, fault.code(), fault.description());
  }

  /** Whether the phone is a dialable number ({@link #e164()} is then set). */
  public boolean valid() {
    return e164 != null;
  }
}
