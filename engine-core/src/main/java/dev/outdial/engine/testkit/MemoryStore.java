package dev.outdial.engine.testkit;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.store.StoreChange;
import dev.outdial.engine.store.StoreException;
import dev.outdial.engine.store.StoredAnswer;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredCampaign;
import dev.outdial.engine.store.StoredEngine;
import dev.outdial.engine.store.StoredRecipient;
import dev.outdial.engine.store.SuppressionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CampaignStore} (and {@link SuppressionStore}) that keeps what is committed in memory,
 * for tests of a durable engine: build an engine on it, drop the engine without closing it (a
 * crash), and build another on the same store to see what a restart brings back. It can be told to
 * fail its next commits, before or after the changes take effect, as a database cut off mid-commit
 * would; and to refuse everything until {@link #heal()} (suppression lists included). Not for
 * production: nothing survives the JVM. Thread-safe.
 */
public final class MemoryStore implements CampaignStore, SuppressionStore {

  /** Where an injected failure strikes. */
  public enum Failure {
    /** The commit throws and nothing of it takes effect. */
    BEFORE,
    /** The commit takes effect, then throws: the engine cannot tell it from {@link #BEFORE}. */
    AFTER
  }

  private byte @Nullable [] secret;
  private long nextCampaign;
  private long nextCall;
  private final LinkedHashMap<String, Row> campaigns = new LinkedHashMap<>();
  private final Map<String, StoredAnswer> answers = new HashMap<>();
  private final ArrayList<Failure> failures = new ArrayList<>();
  private final Map<String, Map<String, Instant>> suppressed = new TreeMap<>();

  /** The attempt log, by call counter. */
  private final TreeMap<Long, StoredAttempt> attempts = new TreeMap<>();

  private boolean down;
  private long commits;

  private static final class Row {
    StoredCampaign campaign;
    final StoredRecipient[] recipients;
    java.time.@Nullable Instant finishedAt;
    @Nullable String answerKey;

    Row(StoredCampaign campaign) {
      this.campaign = campaign;
      this.recipients = campaign.recipients().toArray(new StoredRecipient[0]);
    }
  }

  /** The next commit fails at {@code where} (queued: call again for the one after). */
  public synchronized void failNextCommit(Failure where) {
    failures.add(where);
  }

  /** Every call throws until {@link #heal()}: the database is unreachable. */
  public synchronized void cutOff() {
    down = true;
  }

  /** Undoes {@link #cutOff()} and forgets failures not yet struck. */
  public synchronized void heal() {
    down = false;
    failures.clear();
  }

  /** How many commits took effect. */
  public synchronized long commits() {
    return commits;
  }

  @Override
  public synchronized StoredEngine load() {
    requireUp("load");
    List<StoredCampaign> open = new ArrayList<>();
    List<StoredEngine.Finished> finished = new ArrayList<>();
    for (Row row : campaigns.values()) {
      if (row.finishedAt == null) {
        open.add(snapshot(row));
      } else {
        StoredCampaign c = row.campaign;
        finished.add(
            new StoredEngine.Finished(
                c.id(), c.counter(), c.keyId(), c.callBase(), c.callSpan(), row.finishedAt));
      }
    }
    return new StoredEngine(
        secret == null ? null : secret.clone(), nextCampaign, nextCall, open, finished);
  }

  @Override
  public synchronized void commit(List<StoreChange> changes) {
    requireUp("commit");
    Failure failure = failures.isEmpty() ? null : failures.remove(0);
    if (failure == Failure.BEFORE) {
      throw new StoreException("injected failure before the commit");
    }
    for (StoreChange change : List.copyOf(changes)) {
      apply(change);
    }
    commits++;
    if (failure == Failure.AFTER) {
      throw new StoreException("injected failure after the commit");
    }
  }

  @Override
  public synchronized Optional<StoredCampaign> campaign(String campaignId) {
    requireUp("read");
    Row row = campaigns.get(campaignId);
    return row == null ? Optional.empty() : Optional.of(snapshot(row));
  }

  @Override
  public synchronized List<StoredAttempt> attemptsSince(Instant since) {
    requireUp("read");
    List<StoredAttempt> recent = new ArrayList<>();
    for (StoredAttempt attempt : attempts.values()) {
      if (!attempt.startedAt().isBefore(since)) {
        recent.add(attempt);
      }
    }
    return recent;
  }

  @Override
  public synchronized Optional<StoredAnswer> answer(String keyId, String idempotencyKey) {
    requireUp("read");
    return Optional.ofNullable(answers.get(keyId + "\n" + idempotencyKey));
  }

  @Override
  public synchronized void suppress(String keyId, Collection<String> phones, Instant at) {
    requireUp("suppress");
    Map<String, Instant> list = suppressed.computeIfAbsent(keyId, k -> new TreeMap<>());
    for (String phone : List.copyOf(phones)) {
      list.putIfAbsent(phone, at);
    }
  }

  @Override
  public synchronized void unsuppress(String keyId, String phone) {
    requireUp("unsuppress");
    Map<String, Instant> list = suppressed.get(keyId);
    if (list != null) {
      list.remove(phone);
      if (list.isEmpty()) {
        suppressed.remove(keyId);
      }
    }
  }

  @Override
  public synchronized Map<String, Set<String>> loadSuppressed() {
    requireUp("load suppressed numbers");
    Map<String, Set<String>> lists = new TreeMap<>();
    suppressed.forEach((key, list) -> lists.put(key, new TreeSet<>(list.keySet())));
    return lists;
  }

  @Override
  public String describe() {
    return "memory (test store)";
  }

  @Override
  public void close() {}

  private void requireUp(String what) {
    if (down) {
      throw new StoreException("the store is cut off: cannot " + what);
    }
  }

  private StoredCampaign snapshot(Row row) {
    StoredCampaign campaign = row.campaign;
    List<StoredAttempt> earlier = new ArrayList<>();
    for (StoredAttempt attempt : attempts.values()) {
      if (attempt.campaignId().equals(campaign.id())) {
        StoredRecipient recipient = row.recipients[attempt.index()];
        // A recipient ended without a call after its attempts (canceled, expired or suppressed
        // while it waited for the next) has no latest call: every attempt it had is earlier.
        boolean latest = recipient.startedAt() != null && attempt.attempt() == recipient.attempts();
        if (!latest) {
          earlier.add(attempt);
        }
      }
    }
    return campaign.withRecipients(List.of(row.recipients.clone())).withEarlierAttempts(earlier);
  }

  /** The counter of the recipient's latest call. */
  private static long latestCall(Row row, int index) {
    return row.campaign.callCounter(index, row.recipients[index].attempts());
  }

  /** The recipient's latest call in the attempt log, ended. */
  private void endAttempt(
      Row row, int index, EndedReason reason, @Nullable String detail, Instant at) {
    attempts.computeIfPresent(
        latestCall(row, index),
        (counter, a) ->
            new StoredAttempt(
                a.keyId(),
                a.phone(),
                a.campaignId(),
                a.index(),
                a.attempt(),
                a.startedAt(),
                at,
                reason,
                detail));
  }

  private void apply(StoreChange change) {
    if (change instanceof StoreChange.Secret s) {
      if (secret == null) {
        secret = s.secret().clone();
      }
    } else if (change instanceof StoreChange.Created created) {
      StoredCampaign c = created.campaign();
      nextCampaign = Math.max(nextCampaign, c.counter() + 1);
      nextCall = Math.max(nextCall, c.callBase() + c.callSpan());
      if (!campaigns.containsKey(c.id())) {
        Row row = new Row(c);
        campaigns.put(c.id(), row);
        StoredAnswer answer = created.answer();
        if (answer != null) {
          row.answerKey = answer.keyId() + "\n" + answer.idempotencyKey();
          answers.putIfAbsent(row.answerKey, answer);
        }
      }
    } else if (change instanceof StoreChange.Status s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      row.campaign = row.campaign.withState(s.status(), row.campaign.canceledAt());
    } else if (change instanceof StoreChange.Canceled s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      row.campaign = row.campaign.withState(CampaignStatus.CANCELED, s.at());
      for (int i = 0; i < row.recipients.length; i++) {
        StoredRecipient r = row.recipients[i];
        if (r.status() == CallStatus.QUEUED) {
          row.recipients[i] = r.ended(EndedReason.CANCELED, s.at(), null);
        }
      }
    } else if (change instanceof StoreChange.Expired s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      for (int i = 0; i < row.recipients.length; i++) {
        StoredRecipient r = row.recipients[i];
        if (r.status() == CallStatus.QUEUED) {
          row.recipients[i] = r.ended(EndedReason.EXPIRED, s.at(), null);
        }
      }
    } else if (change instanceof StoreChange.CallStarted s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      StoredRecipient r = row.recipients[s.index()];
      row.recipients[s.index()] = r.started(s.at(), s.attempt());
      attempts.put(
          row.campaign.callCounter(s.index(), s.attempt()),
          new StoredAttempt(
              row.campaign.keyId(),
              r.phone(),
              row.campaign.id(),
              s.index(),
              s.attempt(),
              s.at(),
              null,
              null,
              null));
    } else if (change instanceof StoreChange.CallPlaced s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      StoredRecipient r = row.recipients[s.index()];
      if (r.status() == CallStatus.IN_PROGRESS) {
        row.recipients[s.index()] = r.placed(s.reference());
      }
    } else if (change instanceof StoreChange.CallRequeued s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      StoredRecipient r = row.recipients[s.index()];
      if (r.status() == CallStatus.IN_PROGRESS) {
        attempts.remove(latestCall(row, s.index()));
        row.recipients[s.index()] = r.requeued();
      }
    } else if (change instanceof StoreChange.CallEnded s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      StoredRecipient r = row.recipients[s.index()];
      if (r.status() != CallStatus.ENDED) {
        if (r.status() == CallStatus.IN_PROGRESS) {
          endAttempt(row, s.index(), s.reason(), s.detail(), s.at());
        }
        row.recipients[s.index()] = r.ended(s.reason(), s.at(), s.detail());
      }
    } else if (change instanceof StoreChange.CallEndedForRetry s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      StoredRecipient r = row.recipients[s.index()];
      if (r.status() == CallStatus.IN_PROGRESS) {
        endAttempt(row, s.index(), s.reason(), s.detail(), s.at());
        row.recipients[s.index()] = r.waitingToRetry();
      }
    } else if (change instanceof StoreChange.AttemptsForgotten s) {
      attempts
          .values()
          .removeIf(
              a -> a.startedAt().isBefore(s.before()) && !campaigns.containsKey(a.campaignId()));
    } else if (change instanceof StoreChange.Finished s) {
      Row row = campaigns.get(s.campaignId());
      if (row == null) {
        return; // like an UPDATE of no row: dropped, or never committed
      }
      if (row.finishedAt == null) {
        row.finishedAt = s.at();
      }
    } else if (change instanceof StoreChange.Dropped s) {
      Row row = campaigns.remove(s.campaignId());
      if (row != null && row.answerKey != null) {
        answers.remove(row.answerKey);
      }
    }
  }
}
