package dev.outdial.engine.internal.state;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.RecipientExtras;
import dev.outdial.engine.internal.compliance.RecipientHours;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredRecipient;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/** A created campaign as a durable engine commits it, and back. */
final class StoredCampaigns {
  private StoredCampaigns() {}

  /** The campaign just created from {@code spec}, every recipient queued. */
  static StoredCampaign of(
      String id,
      long counter,
      String keyId,
      long callBase,
      CampaignSpec spec,
      Instant createdAt,
      CampaignStatus status,
      @Nullable Instant firesAt) {
    return new StoredCampaign(
        id,
        counter,
        keyId,
        callBase,
        createdAt,
        status,
        status,
        firesAt,
        null,
        spec.agentId(),
        spec.prompt(),
        spec.name(),
        spec.fromNumber(),
        spec.zone(),
        spec.zoneSource(),
        spec.window(),
        spec.scheduledDate(),
        spec.invalid(),
        spec.duplicateIndexes(),
        new Recipients(spec),
        spec.localHours() == LocalHoursPolicy.OFF ? null : spec.localHours(),
        spec.expiresAt(),
        spec.retry(),
        List.of());
  }

  /** The recipients of a spec, made as the store reads them: no list of records held at once. */
  private static final class Recipients extends AbstractList<StoredRecipient>
      implements RandomAccess {
    private final CampaignSpec spec;

    Recipients(CampaignSpec spec) {
      this.spec = spec;
    }

    @Override
    public StoredRecipient get(int index) {
      RecipientExtras extras = spec.extras() == null ? null : spec.extras()[index];
      return StoredRecipient.queued(
          "+" + spec.phones()[index],
          extras == null ? Map.of() : extras.variables(),
          extras == null ? null : extras.promptOverride());
    }

    @Override
    public int size() {
      return spec.phones().length;
    }
  }

  /**
   * The checked request a stored campaign was created from; its recipients placed in their local
   * hours again when it {@code dials} and guards them (a look-up a number).
   */
  static CampaignSpec spec(StoredCampaign stored, boolean dials) {
    List<StoredRecipient> recipients = stored.recipients();
    long[] phones = new long[recipients.size()];
    RecipientExtras[] extras = null;
    for (int i = 0; i < phones.length; i++) {
      StoredRecipient recipient = recipients.get(i);
      phones[i] = Long.parseLong(recipient.phone().substring(1));
      if (!recipient.variables().isEmpty() || recipient.promptOverride() != null) {
        if (extras == null) {
          extras = new RecipientExtras[phones.length];
        }
        extras[i] = new RecipientExtras(recipient.variables(), recipient.promptOverride());
      }
    }
    CampaignSpec spec =
        new CampaignSpec(
            stored.agentId(),
            stored.prompt(),
            stored.name(),
            stored.fromNumber(),
            stored.zone(),
            stored.zoneSource(),
            stored.window(),
            stored.scheduledDate(),
            phones,
            extras,
            stored.invalid(),
            stored.duplicateIndexes(),
            null,
            null,
            stored.expiresAt(),
            stored.retry());
    LocalHoursPolicy policy = stored.localHours();
    if (policy == null || policy == LocalHoursPolicy.OFF) {
      return spec;
    }
    if (!dials) {
      return spec.withLocalHours(policy, null);
    }
    return spec.withLocalHours(policy, RecipientHours.assign(phones, stored.zone(), policy));
  }
}
