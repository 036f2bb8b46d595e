package dev.outdial.engine.internal;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One campaign's mutable state, owned by the engine's owner thread. Recipients are dialled in
 * order, so a single cursor splits them: below it every call has started; at and above it none has.
 * Per-call state lives in parallel primitive arrays (about 25 bytes a recipient) so that a waiting
 * recipient costs little memory. Statuses and call states change only through {@link StateChanges};
 * the dispatch bookkeeping (ring membership, cached window closing, pending timer) belongs to
 * {@link Dispatcher}.
 */
final class CampaignState {
  private static final byte IN_PROGRESS = 1;
  private static final byte FIRST_ENDED = 2;
  private static final EndedReason[] REASONS = EndedReason.values();

  final String id;
  final String keyId;
  final CampaignSpec spec;
  final CallingWindow window;
  final long callBase;
  final Instant createdAt;
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
  final int[] endedByReason = new int[REASONS.length];
  @Nullable Instant canceledAt;

  private final byte[] callState;
  private final long[] startedAtMillis;
  private final long[] endedAtMillis;
  private @Nullable Map<Integer, String> details;

  /** Whether it sits in its key's round-robin ring. */
  boolean inRing;

  /**
   * An interval in which its window is known to be open, from an instant it was found open to the
   * next closing (cached so that dispatch checks two comparisons).
   */
  Instant windowOpenSince = Instant.MAX;

  Instant windowClosesAt = Instant.MIN;

  /** When its pending window-opening timer is due, or null if none is pending. */
  @Nullable Instant windowTimerAt;

  CampaignState(
      String id,
      String keyId,
      CampaignSpec spec,
      CallingWindow window,
      long callBase,
      Instant createdAt,
      @Nullable Instant firesAt,
      KeyState key,
      CampaignStatus status) {
    this.id = id;
    this.keyId = keyId;
    this.spec = spec;
    this.window = window;
    this.callBase = callBase;
    this.createdAt = createdAt;
    this.firesAt = firesAt;
    this.key = key;
    this.status = status;
    int size = spec.phones().length;
    this.size = size;
    this.callState = new byte[size];
    this.startedAtMillis = new long[size];
    this.endedAtMillis = new long[size];
  }

  /** The recipient's phone, E.164. */
  String phone(int index) {
    return "+" + spec.phones()[index];
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
    return status() == CampaignStatus.RUNNING && cursor < size;
  }

  /** Whether the call at {@code index} is in progress. */
  boolean inProgress(int index) {
    return index < cursor && callState[index] == IN_PROGRESS;
  }

  CallStatus callStatus(int index) {
    if (index >= cursor) {
      return canceledAt == null ? CallStatus.QUEUED : CallStatus.ENDED;
    }
    return callState[index] == IN_PROGRESS ? CallStatus.IN_PROGRESS : CallStatus.ENDED;
  }

  @Nullable EndedReason endedReason(int index) {
    if (index >= cursor) {
      return canceledAt == null ? null : EndedReason.CANCELED;
    }
    byte state = callState[index];
    return state >= FIRST_ENDED ? REASONS[state - FIRST_ENDED] : null;
  }

  @Nullable Instant startedAt(int index) {
    return index < cursor ? Instant.ofEpochMilli(startedAtMillis[index]) : null;
  }

  @Nullable Instant endedAt(int index) {
    if (index >= cursor) {
      return canceledAt;
    }
    return callState[index] >= FIRST_ENDED ? Instant.ofEpochMilli(endedAtMillis[index]) : null;
  }

  @Nullable String detail(int index) {
    return details == null ? null : details.get(index);
  }

  // Mutators: called by StateChanges only.

  void setStatus(CampaignStatus to) {
    if (status == CampaignStatus.SCHEDULED && cohort != null) {
      cohort.unscheduled(); // only counted until the cohort fires
    }
    status = to;
  }

  int markStarted(Instant at) {
    int index = cursor++;
    callState[index] = IN_PROGRESS;
    startedAtMillis[index] = at.toEpochMilli();
    inFlight++;
    return index;
  }

  void markEnded(int index, EndedReason reason, @Nullable String detail, Instant at) {
    callState[index] = (byte) (FIRST_ENDED + reason.ordinal());
    endedAtMillis[index] = at.toEpochMilli();
    if (detail != null) {
      if (details == null) {
        details = new HashMap<>();
      }
      details.put(index, detail);
    }
    inFlight--;
    ended++;
    endedByReason[reason.ordinal()]++;
  }

  void markUndialledCanceled(Instant at) {
    canceledAt = at;
    int undialled = callState.length - cursor;
    ended += undialled;
    endedByReason[EndedReason.CANCELED.ordinal()] += undialled;
  }

  boolean allEnded() {
    return ended == callState.length;
  }
}
