package dev.outdial.engine.internal.state;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.store.StoredAttempt;
import dev.outdial.engine.store.StoredRecipient;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One campaign's mutable state, owned by the engine's owner thread. Recipients are dialled in
 * order, so a single cursor splits them: below it every call has started; at and above it none has.
 * Per-call state lives in parallel primitive arrays (17 bytes a recipient, beside the 8 of its
 * phone), made when the first call starts: a campaign that waits holds none of them. Statuses and
 * call states change only through {@link StateChanges}; the dispatch bookkeeping (ring membership,
 * cached window closing, pending timer) belongs to {@link Dispatcher}.
 */
final class CampaignState {
  private static final byte IN_PROGRESS = 1;
  private static final byte FIRST_ENDED = 2;
  private static final EndedReason[] REASONS = EndedReason.values();

  /** The start of a recipient ended without a call ({@link #markSkipped}). */
  private static final long NEVER_STARTED = Long.MIN_VALUE;

  final String id;
  final CampaignSpec spec;
  final CallingWindow window;
  final long callBase;
  // When it was created, as two numbers rather than an Instant: 16 bytes less a campaign.
  private final long createdSecond;
  private final int createdNano;
  final @Nullable Instant firesAt;
  final KeyState key;

  /** How many recipients (a field, so that firing and dispatch need not touch the arrays). */
  private final int size;

  private CampaignStatus status;

  /** The cohort it fires with, if it was created scheduled. */
  @Nullable Cohort cohort;

  /** Its place among its cohort's members. */
  int cohortSlot;

  int cursor;
  int inFlight;
  int ended;
  @Nullable Instant canceledAt;

  /**
   * When its latest end came ({@code expires_at}): every recipient then queued ended {@code
   * expired}, and none is queued from then on.
   */
  @Nullable Instant expiredAt;

  /** A call of a recipient that ended and was tried again. */
  record EarlierAttempt(
      int index,
      int attempt,
      EndedReason reason,
      long startedAtMillis,
      long endedAtMillis,
      @Nullable String detail) {}

  /** Ends by reason; made at the first end. */
  private int @Nullable [] endedByReason;

  /**
   * Its per-call state: null until its first call starts or a recipient is ended or deferred
   * without one (guarded campaigns: from their creation; restored ones: when a recipient had a call
   * or the campaign retries), and read only below the cursor, so never null where it is read. One
   * object, so that a waiting campaign holds one field for all of it.
   */
  private @Nullable Calls calls;

  /** A campaign's per-call state, in parallel arrays indexed by recipient. */
  private static final class Calls {
    final byte[] callState;
    final long[] startedAtMillis;
    final long[] endedAtMillis;

    /**
     * Per recipient, how many calls it has had, the one in progress included, when the campaign
     * retries (otherwise a recipient's only call is attempt 1).
     */
    final byte @Nullable [] attempts;

    /** Calls that ended and were tried again, in the order they ended (retrying campaigns only). */
    final @Nullable List<EarlierAttempt> earlier;

    @Nullable Map<Integer, String> details;

    /**
     * Recipients below the cursor whose call was not placed ({@link
     * dev.outdial.engine.spi.CallEndSink#notPlaced}), or whose wait ended: queued again, dialled
     * before the cursor's.
     */
    @Nullable ArrayDeque<Integer> requeued;

    /** Calls started and not taken back as not placed: every attempt of every recipient. */
    int attemptsMade;

    /**
     * Recipients below the cursor that wait for a timer before they are queued again: a retry's
     * minimum delay, or their number's attempt cap. Counted as queued.
     */
    int waiting;

    Calls(int size, boolean retries) {
      callState = new byte[size];
      startedAtMillis = new long[size];
      endedAtMillis = new long[size];
      attempts = retries ? new byte[size] : null;
      earlier = retries ? new ArrayList<>() : null;
    }
  }

  /**
   * The waiting recipients by their local hours, when the campaign guards them; then the cursor
   * stands at the end and the per-call arrays exist from the start (a recipient not yet dialled has
   * call state 0, as one queued again).
   */
  @Nullable Lanes lanes;

  /** Its neighbours on the engine's list of open campaigns (see {@link Campaigns}). */
  @Nullable CampaignState openPrevious;

  @Nullable CampaignState openNext;

  /** Whether it sits in its key's round-robin ring. */
  boolean inRing;

  /**
   * While its window is open: the instant it next closes, found at an instant no later than the
   * latest the dispatcher has judged (cached so that dispatch checks a comparison).
   */
  Instant windowClosesAt = Instant.MIN;

  /** When its pending window-opening timer is due, or null if none is pending. */
  @Nullable Instant windowTimerAt;

  CampaignState(
      String id,
      CampaignSpec spec,
      CallingWindow window,
      long callBase,
      Instant createdAt,
      @Nullable Instant firesAt,
      KeyState key,
      CampaignStatus status) {
    this.id = id;
    this.spec = spec;
    this.window = window;
    this.callBase = callBase;
    this.createdSecond = createdAt.getEpochSecond();
    this.createdNano = createdAt.getNano();
    this.firesAt = firesAt;
    this.key = key;
    this.status = status;
    this.size = spec.phones().length;
    if (spec.hours() != null) {
      this.lanes = new Lanes(spec.hours(), index -> true);
      this.cursor = size;
      allocateCalls();
    } else {
      this.lanes = null;
    }
  }

  /** Its key's id (kept by the key: one field fewer a campaign). */
  String keyId() {
    return key.id;
  }

  /** The recipient's phone, E.164. */
  String phone(int index) {
    return "+" + spec.phones()[index];
  }

  Instant createdAt() {
    return Instant.ofEpochSecond(createdSecond, createdNano);
  }

  int size() {
    return size;
  }

  /** Its status: the one last set, except that a scheduled member of a fired cohort is running. */
  CampaignStatus status() {
    return runsWithCohort() ? CampaignStatus.RUNNING : status;
  }

  /** Whether it is running only because its cohort fired (no status set since it was created). */
  boolean runsWithCohort() {
    return status == CampaignStatus.SCHEDULED && cohort != null && cohort.fired();
  }

  /** Whether it may start calls, window and key limits aside: running with recipients left. */
  boolean mayDial() {
    return status() == CampaignStatus.RUNNING
        && expiredAt == null
        && (lanes == null ? cursor < size || hasRequeued() : lanes.waiting() > 0);
  }

  /** The recipient its next call goes to: one queued again first, else the cursor's. */
  int nextIndex() {
    if (lanes != null) {
      return lanes.peek(); // of the lane the dispatcher chose
    }
    return hasRequeued() ? calls.requeued.peekFirst() : cursor;
  }

  private boolean hasRequeued() {
    return calls != null && calls.requeued != null && !calls.requeued.isEmpty();
  }

  /** How many recipients wait for a call (queued again or never dialled). */
  int queued() {
    if (expiredAt != null) {
      return 0;
    }
    if (lanes != null) {
      return lanes.waiting() + waiting();
    }
    return size
        - cursor
        + (calls == null || calls.requeued == null ? 0 : calls.requeued.size())
        + waiting();
  }

  /** Recipients waiting for a timer before they are queued again (a retry's delay, a cap). */
  private int waiting() {
    return calls == null ? 0 : calls.waiting;
  }

  /** Calls started so far (every attempt), not counting calls that were not placed. */
  int attemptsMade() {
    return calls == null ? 0 : calls.attemptsMade;
  }

  /** Whether it queues no call any more: final (completed or canceled), or expired. */
  boolean queuesNoMore() {
    return status().isFinal() || expiredAt != null;
  }

  /**
   * The attempt number of the recipient's latest call, or of its next one while it is queued: 1
   * unless the campaign retries.
   */
  int attempt(int index) {
    if (calls == null || calls.attempts == null) {
      return 1;
    }
    int made = calls.attempts[index];
    return index < cursor
            && calls.callState[index] != 0
            && calls.startedAtMillis[index] != NEVER_STARTED
        ? made
        : made + 1;
  }

  /**
   * The calls of recipients that ended and were tried again (empty unless the campaign retries).
   */
  List<EarlierAttempt> earlierAttempts() {
    return calls == null || calls.earlier == null ? List.of() : calls.earlier;
  }

  /** Whether the recipient at {@code index}, below the cursor, was queued again. */
  private boolean queuedAgain(int index) {
    return calls.callState[index] == 0;
  }

  /** How many of its calls ended with {@code reason}. */
  int endedBy(EndedReason reason) {
    return endedByReason == null ? 0 : endedByReason[reason.ordinal()];
  }

  /** Whether the call at {@code index} is in progress. */
  boolean inProgress(int index) {
    return index < cursor && calls.callState[index] == IN_PROGRESS;
  }

  CallStatus callStatus(int index) {
    if (index >= cursor || queuedAgain(index)) {
      return canceledAt == null && expiredAt == null ? CallStatus.QUEUED : CallStatus.ENDED;
    }
    return calls.callState[index] == IN_PROGRESS ? CallStatus.IN_PROGRESS : CallStatus.ENDED;
  }

  @Nullable EndedReason endedReason(int index) {
    if (index >= cursor || queuedAgain(index)) {
      // Expired first: a campaign canceled after it expired had nobody queued left to cancel.
      return expiredAt != null
          ? EndedReason.EXPIRED
          : canceledAt == null ? null : EndedReason.CANCELED;
    }
    byte state = calls.callState[index];
    return state >= FIRST_ENDED ? REASONS[state - FIRST_ENDED] : null;
  }

  @Nullable Instant startedAt(int index) {
    return index < cursor && !queuedAgain(index) && calls.startedAtMillis[index] != NEVER_STARTED
        ? Instant.ofEpochMilli(calls.startedAtMillis[index])
        : null;
  }

  /** When the call at {@code index} (started) started, in epoch milliseconds. */
  long startedAtMillis(int index) {
    return calls.startedAtMillis[index];
  }

  @Nullable Instant endedAt(int index) {
    if (index >= cursor || queuedAgain(index)) {
      return expiredAt != null ? expiredAt : canceledAt;
    }
    return calls.callState[index] >= FIRST_ENDED
        ? Instant.ofEpochMilli(calls.endedAtMillis[index])
        : null;
  }

  @Nullable String detail(int index) {
    return calls == null || calls.details == null ? null : calls.details.get(index);
  }

  // Mutators: called by StateChanges only.

  void setStatus(CampaignStatus to) {
    if (status == CampaignStatus.SCHEDULED && cohort != null) {
      cohort.unscheduled(); // only counted until the cohort fires
    }
    status = to;
  }

  private void keepDetail(int index, @Nullable String detail) {
    if (detail != null) {
      if (calls.details == null) {
        calls.details = new HashMap<>();
      }
      calls.details.put(index, detail);
    }
  }

  private void allocateCalls() {
    if (calls == null) {
      calls = new Calls(size, spec.retry() != null);
    }
  }

  int markStarted(Instant at) {
    allocateCalls();
    int index = takeNext();
    calls.callState[index] = IN_PROGRESS;
    calls.startedAtMillis[index] = at.toEpochMilli();
    inFlight++;
    calls.attemptsMade++;
    if (calls.attempts != null) {
      calls.attempts[index]++;
    }
    return index;
  }

  /**
   * Takes the recipient whose turn it is off its queue to wait for {@link #due}: its number is at
   * its attempt cap. Returns its index.
   */
  int markDeferred() {
    allocateCalls();
    int index = takeNext();
    calls.callState[index] = 0; // queued, as one queued again
    calls.waiting++;
    return index;
  }

  /**
   * The call at {@code index} ended with {@code reason} and its recipient will be called again: the
   * call goes to the earlier attempts, and the recipient waits for {@link #due}.
   */
  void markEndedForRetry(int index, EndedReason reason, @Nullable String detail, Instant at) {
    calls.earlier.add(
        new EarlierAttempt(
            index,
            calls.attempts[index],
            reason,
            calls.startedAtMillis[index],
            at.toEpochMilli(),
            detail));
    calls.callState[index] = 0;
    calls.startedAtMillis[index] = 0;
    if (calls.details != null) {
      calls.details.remove(index);
    }
    inFlight--;
    calls.waiting++;
  }

  /** A waiting recipient's time came: it is queued again, dialled before the cursor's. */
  void due(int index) {
    calls.waiting--;
    requeue(index);
  }

  /** Queues the recipient at {@code index}, below the cursor, again: before the cursor's. */
  private void requeue(int index) {
    if (lanes != null) {
      lanes.putBack(index);
      return;
    }
    if (calls.requeued == null) {
      calls.requeued = new ArrayDeque<>();
    }
    calls.requeued.addLast(index);
  }

  /**
   * Ends the next recipient without a call (suppressed, or no local hours to call it in); returns
   * its index. Its call has no start.
   */
  int markSkipped(EndedReason reason, @Nullable String detail, Instant at) {
    allocateCalls();
    int index = takeNext();
    markSkippedAt(index, reason, detail, at);
    return index;
  }

  /** Ends the recipient at {@code index}, in no queue, without a call. */
  void markSkippedAt(int index, EndedReason reason, @Nullable String detail, Instant at) {
    calls.callState[index] = (byte) (FIRST_ENDED + reason.ordinal());
    calls.startedAtMillis[index] = NEVER_STARTED;
    calls.endedAtMillis[index] = at.toEpochMilli();
    keepDetail(index, detail);
    countEnds(reason, 1);
  }

  /** Takes the recipient whose turn it is off its queue. */
  private int takeNext() {
    if (lanes != null) {
      return lanes.take();
    }
    return hasRequeued() ? calls.requeued.pollFirst() : cursor++;
  }

  void markEnded(int index, EndedReason reason, @Nullable String detail, Instant at) {
    calls.callState[index] = (byte) (FIRST_ENDED + reason.ordinal());
    calls.endedAtMillis[index] = at.toEpochMilli();
    keepDetail(index, detail);
    inFlight--;
    countEnds(reason, 1);
  }

  /** The call at {@code index} was not placed: its recipient is queued again. */
  void markNotPlaced(int index) {
    calls.callState[index] = 0;
    calls.startedAtMillis[index] = 0;
    inFlight--;
    calls.attemptsMade--;
    if (calls.attempts != null) {
      calls.attempts[index]--;
    }
    requeue(index);
  }

  void markUndialledCanceled(Instant at) {
    canceledAt = at;
    countEnds(EndedReason.CANCELED, queued());
  }

  /**
   * Ends every recipient still queued {@code expired} at {@code at}, without a call; returns how
   * many. Calls in progress are left as they are.
   */
  int markUndialledExpired(Instant at) {
    int count = queued();
    expiredAt = at;
    countEnds(EndedReason.EXPIRED, count);
    return count;
  }

  /**
   * Each recipient queued when the campaign expired, in index order (after {@link
   * #markUndialledExpired}).
   */
  void forEachExpired(IntConsumer action) {
    for (int index = 0; index < size; index++) {
      if (index >= cursor || queuedAgain(index)) {
        action.accept(index);
      }
    }
  }

  private void countEnds(EndedReason reason, int count) {
    if (endedByReason == null) {
      endedByReason = new int[REASONS.length];
    }
    ended += count;
    endedByReason[reason.ordinal()] += count;
  }

  boolean allEnded() {
    return ended == size;
  }

  /**
   * Sets every recipient's call as a durable engine's store committed it (recovery only): those
   * with a start below the cursor; those queued again below it requeued; a call committed in
   * progress is in progress (the key's slot is the caller's to count). A recipient waiting for its
   * next attempt whose minimum delay ends after {@code now} waits: {@code waits} is told when it is
   * due.
   */
  void restore(
      List<StoredRecipient> recipients,
      List<StoredAttempt> earlierAttempts,
      @Nullable Instant canceledAt,
      Instant now,
      BiConsumer<Integer, Instant> waits) {
    int last = -1;
    for (int i = 0; i < size; i++) {
      StoredRecipient recipient = recipients.get(i);
      if (recipient.startedAt() != null || skipped(recipient) || recipient.attempts() > 0) {
        last = i;
      }
    }
    cursor = lanes != null ? size : last + 1;
    if (cursor > 0 || spec.retry() != null) {
      allocateCalls();
    }
    long[] lastEnded = restoreEarlier(earlierAttempts);
    boolean[] waitingNow = new boolean[lastEnded == null ? 0 : size];
    for (int i = 0; i < size; i++) {
      StoredRecipient recipient = recipients.get(i);
      if (calls != null && calls.attempts != null) {
        calls.attempts[i] = (byte) recipient.attempts();
      }
      // Without a start (queued, or ended without a call after waiting for its next attempt), its
      // attempts all ended earlier; a store of the seed's time has no count for a started call.
      int made =
          recipient.startedAt() == null ? recipient.attempts() : Math.max(1, recipient.attempts());
      if (made > 0) { // a recipient with a call is below the cursor: its campaign has calls
        calls.attemptsMade += made;
      }
      if (recipient.status() == CallStatus.ENDED) {
        countEnds(recipient.endedReason() == null ? EndedReason.ERROR : recipient.endedReason(), 1);
      }
      if (i >= cursor) {
        continue;
      }
      if (skipped(recipient)) {
        calls.callState[i] = (byte) (FIRST_ENDED + recipient.endedReason().ordinal());
        calls.startedAtMillis[i] = NEVER_STARTED;
        calls.endedAtMillis[i] =
            recipient.endedAt() == null ? 0 : recipient.endedAt().toEpochMilli();
        keepDetail(i, recipient.detail());
        continue;
      }
      if (recipient.startedAt() == null) {
        if (recipient.status() != CallStatus.QUEUED) {
          continue;
        }
        if (recipient.attempts() > 0 && lastEnded != null && canceledAt == null) {
          Instant due = Instant.ofEpochMilli(lastEnded[i]).plus(spec.retry().minDelay());
          if (due.isAfter(now)) {
            calls.waiting++;
            waitingNow[i] = true;
            waits.accept(i, due);
            continue;
          }
        }
        if (lanes == null) {
          requeue(i); // lanes are built below, from every queued recipient not waiting
        }
        continue;
      }
      calls.startedAtMillis[i] = recipient.startedAt().toEpochMilli();
      if (recipient.status() == CallStatus.IN_PROGRESS) {
        calls.callState[i] = IN_PROGRESS;
        inFlight++;
      } else if (recipient.status() == CallStatus.ENDED) {
        EndedReason reason =
            recipient.endedReason() == null ? EndedReason.ERROR : recipient.endedReason();
        calls.callState[i] = (byte) (FIRST_ENDED + reason.ordinal());
        calls.endedAtMillis[i] =
            recipient.endedAt() == null
                ? calls.startedAtMillis[i]
                : recipient.endedAt().toEpochMilli();
        keepDetail(i, recipient.detail());
      }
    }
    this.canceledAt = canceledAt;
    if (lanes != null && spec.hours() != null) {
      lanes =
          new Lanes(
              spec.hours(),
              i ->
                  recipients.get(i).status() == CallStatus.QUEUED
                      && (waitingNow.length == 0 || !waitingNow[i]));
    }
  }

  /**
   * Keeps the stored earlier attempts, in the order they ended; returns, per recipient, when its
   * latest earlier attempt ended (epoch milliseconds), or null when the campaign does not retry.
   */
  private long @Nullable [] restoreEarlier(List<StoredAttempt> stored) {
    if (calls == null || calls.earlier == null) {
      return null;
    }
    long[] lastEnded = new long[size];
    List<StoredAttempt> sorted = new ArrayList<>(stored);
    sorted.sort(
        Comparator.comparing(
            (StoredAttempt a) -> a.endedAt() == null ? a.startedAt() : a.endedAt()));
    for (StoredAttempt attempt : sorted) {
      Instant ended = attempt.endedAt() == null ? attempt.startedAt() : attempt.endedAt();
      calls.earlier.add(
          new EarlierAttempt(
              attempt.index(),
              attempt.attempt(),
              attempt.endedReason() == null ? EndedReason.ERROR : attempt.endedReason(),
              attempt.startedAt().toEpochMilli(),
              ended.toEpochMilli(),
              attempt.detail()));
      lastEnded[attempt.index()] = Math.max(lastEnded[attempt.index()], ended.toEpochMilli());
    }
    return lastEnded;
  }

  /** Whether a stored recipient was ended without a call ({@link #markSkipped}). */
  private static boolean skipped(StoredRecipient recipient) {
    return recipient.status() == CallStatus.ENDED
        && recipient.startedAt() == null
        && recipient.endedReason() != null
        && recipient.endedReason() != EndedReason.CANCELED;
  }
}
