package dev.outdial.engine.internal.check;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** SPEC §1 group 4: the recipients' phones in E.164, later duplicates dropped, bad ones refused. */
final class CheckPhones {

  /** The recipients to dial, normalised, and those left out. */
  record Dialable(
      long[] phones,
      @Nullable RecipientExtras @Nullable [] extras,
      List<InvalidRecipient> invalid,
      List<Integer> duplicateIndexes) {}

  private CheckPhones() {}

  /**
   * The dialable recipients of a request whose entries are all present.
   *
   * @throws dev.outdial.engine.RejectedException {@code invalid_phone_format} when a phone is bad
   *     and {@code skip_invalid} is off, or when no phone is left to dial
   */
  static Dialable in(BatchCampaignRequest request) {
    List<Recipient> recipients = Objects.requireNonNull(request.recipients());
    long[] phones = new long[recipients.size()];
    @Nullable RecipientExtras[] extras = new RecipientExtras[recipients.size()];
    boolean anyExtras = false;
    int kept = 0;
    List<InvalidRecipient> invalid = new ArrayList<>(0);
    List<Problem> problems = new ArrayList<>(0);
    List<Integer> duplicates = new ArrayList<>(0);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < recipients.size(); i++) {
      Recipient recipient = recipients.get(i);
      PhoneNumbers.Checked checked = PhoneNumbers.checkRecipient(recipient.phone());
      PhoneNumbers.Fault fault = checked.fault();
      if (fault != null) {
        invalid.add(new InvalidRecipient(i, recipient.phone(), fault.code()));
        problems.add(phoneProblem(i, recipient.phone(), fault));
      } else if (!seen.add(checked.digits())) {
        duplicates.add(i);
      } else {
        if (!recipient.variables().isEmpty() || recipient.promptOverride() != null) {
          extras[kept] = new RecipientExtras(recipient.variables(), recipient.promptOverride());
          anyExtras = true;
        }
        phones[kept++] = checked.digits();
      }
    }
    if (!invalid.isEmpty() && (!request.skipInvalid() || kept == 0)) {
      throw Rejecting.invalidPhones(problems, request.skipInvalid());
    }
    return new Dialable(
        kept == phones.length ? phones : Arrays.copyOf(phones, kept),
        anyExtras ? Arrays.copyOf(extras, kept) : null,
        List.copyOf(invalid),
        List.copyOf(duplicates));
  }

  private static Problem phoneProblem(int index, @Nullable String phone, PhoneNumbers.Fault fault) {
    String at = "recipients[" + index + "]";
    String message =
        fault == PhoneNumbers.Fault.MISSING
            ? at + ".phone is missing"
            : at + " " + ProblemMessages.shown(phone) + " " + fault.description();
    return new Problem(at + ".phone", index, phone, fault.code(), message);
  }
}
