package dev.outdial.store;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.LocalHoursPolicy;
import dev.outdial.engine.RetryPolicy;
import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredRecipient;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Campaigns as the engine would commit them, for the store's tests. */
final class Campaigns {
  static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456789Z");

  private Campaigns() {}

  static String id(long counter) {
    return "batchcall_" + counter;
  }

  /** Every field set, odd characters included; {@code size} recipients, all queued. */
  static StoredCampaign full(long counter, long callBase, int size) {
    List<StoredRecipient> recipients = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      recipients.add(recipient(i));
    }
    ZoneId zone = ZoneId.of("America/New_York");
    return new StoredCampaign(
        id(counter),
        counter,
        "key_live_1",
        callBase,
        T0,
        CampaignStatus.SCHEDULED,
        CampaignStatus.SCHEDULED,
        Instant.parse("9999-12-31T14:00:00.000000001Z"),
        null,
        "agent_7",
        "Say \"hello\" to {{name}} — ünïcödé 🎉\nline two; DROP TABLE campaigns; --",
        "Spring \u00e9t\u00e9 \\ campaign",
        "+442071838750",
        zone,
        TimezoneSource.CAMPAIGN,
        CallingWindow.of(
            ZoneId.of("Europe/London"),
            18 * 60,
            2 * 60,
            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY)),
        LocalDate.of(9999, 12, 31),
        List.of(
            new InvalidRecipient(3, null, "missing"),
            new InvalidRecipient(5, "+1 (555) \"x\"", "invalid_characters")),
        List.of(4, 9, 11),
        recipients,
        null,
        null,
        null,
        List.of());
  }

  static StoredRecipient recipient(int i) {
    if (i % 3 == 1) {
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put("name", "Zoë \"Z\" O'Brien\\");
      variables.put("emoji", "📞 \u0000\u0001\t\n\r ctl");
      variables.put("", "empty key");
      variables.put("k=v&x,y", "{\"json\":[1,2]}");
      return StoredRecipient.queued("+1415555" + String.format("%04d", i), variables, "Hi 👋 " + i);
    }
    return StoredRecipient.queued("+1415555" + String.format("%04d", i % 10_000), Map.of(), null);
  }

  /** Only what is required: no window, name, dates, invalid or duplicates. */
  static StoredCampaign minimal(long counter, long callBase, int size) {
    List<StoredRecipient> recipients = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      recipients.add(StoredRecipient.queued("+4479460" + String.format("%05d", i), Map.of(), null));
    }
    return new StoredCampaign(
        id(counter),
        counter,
        "key_test_2",
        callBase,
        Instant.ofEpochSecond(1_772_000_000L),
        CampaignStatus.RUNNING,
        CampaignStatus.RUNNING,
        null,
        null,
        "agent_1",
        "p",
        null,
        "+15005550006",
        ZoneId.of("Europe/London"),
        TimezoneSource.DEFAULT,
        null,
        null,
        List.of(),
        List.of(),
        recipients,
        null,
        null,
        null,
        List.of());
  }

  /** The same campaign with recipient {@code index} replaced. */
  static StoredCampaign withRecipient(StoredCampaign c, int index, StoredRecipient recipient) {
    List<StoredRecipient> recipients = new ArrayList<>(c.recipients());
    recipients.set(index, recipient);
    return with(c, c.status(), c.canceledAt(), recipients);
  }

  static StoredCampaign with(
      StoredCampaign c,
      CampaignStatus status,
      Instant canceledAt,
      List<StoredRecipient> recipients) {
    return c.withState(status, canceledAt).withRecipients(recipients);
  }

  /** {@code c} with these key, options and retry; everything else its own. */
  private static StoredCampaign with(
      StoredCampaign c,
      String keyId,
      @Nullable LocalHoursPolicy localHours,
      @Nullable Instant expiresAt,
      @Nullable RetryPolicy retry) {
    return new StoredCampaign(
        c.id(),
        c.counter(),
        keyId,
        c.callBase(),
        c.createdAt(),
        c.createdStatus(),
        c.status(),
        c.firesAt(),
        c.canceledAt(),
        c.agentId(),
        c.prompt(),
        c.name(),
        c.fromNumber(),
        c.zone(),
        c.zoneSource(),
        c.window(),
        c.scheduledDate(),
        c.invalid(),
        c.duplicateIndexes(),
        c.recipients(),
        localHours,
        expiresAt,
        retry,
        c.earlierAttempts());
  }

  /** {@code c} with a recipient-local hours policy and an expiry (either may be null). */
  static StoredCampaign withOptions(
      StoredCampaign c, @Nullable LocalHoursPolicy localHours, @Nullable Instant expiresAt) {
    return with(c, c.keyId(), localHours, expiresAt, c.retry());
  }

  /** {@code c} under another API key. */
  static StoredCampaign withKey(StoredCampaign c, String keyId) {
    return with(c, keyId, c.localHours(), c.expiresAt(), c.retry());
  }

  /** {@code c} with a retry policy (null: none). */
  static StoredCampaign withRetry(StoredCampaign c, @Nullable RetryPolicy retry) {
    return with(c, c.keyId(), c.localHours(), c.expiresAt(), retry);
  }

  /** No answer or busy is tried again, up to {@code maxAttempts} calls, 5 minutes apart. */
  static RetryPolicy retry(int maxAttempts) {
    return new RetryPolicy(
        EnumSet.of(EndedReason.NO_ANSWER, EndedReason.BUSY), maxAttempts, Duration.ofMinutes(5));
  }

  /** {@code r} ended after its one call. */
  static StoredRecipient ended(
      StoredRecipient r, EndedReason reason, Instant started, Instant ended, String detail) {
    return new StoredRecipient(
        r.phone(),
        r.variables(),
        r.promptOverride(),
        CallStatus.ENDED,
        reason,
        started,
        ended,
        detail,
        r.reference(),
        1);
  }

  static StoredAnswer answer(String campaignId, String idempotencyKey) {
    return new StoredAnswer(
        "key_live_1",
        idempotencyKey,
        campaignId,
        new byte[] {0, 1, 2, (byte) 0xff},
        ("{\"batch_call_id\":\"" + campaignId + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
