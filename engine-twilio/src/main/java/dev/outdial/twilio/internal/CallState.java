package dev.outdial.twilio.internal;

import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.OutboundCall;
import java.time.Instant;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * What the dialer knows of one engine call: its Twilio sid once known, where creating it stands,
 * the last callback applied, the AMD verdict (and the end it decided), and whether its end was
 * reported. Touched from the engine thread, HTTP client threads, webhook threads and the scheduler,
 * so every field is guarded by the instance's lock; no request is sent while holding it.
 */
public final class CallState {

  /** Where creating the Twilio call stands. */
  public enum Phase {
    /** A create request is under way. */
    CREATING,
    /** Waiting to send another create: Twilio certainly has no call for it. */
    WAITING_TO_CREATE,
    /** Finding out whether an answerless create made a call. */
    LOOKING_UP,
    /** Twilio's sid is known. */
    PLACED
  }

  /** What {@link #adopt} found. */
  public enum Adoption {
    /** The sid is now this call's. */
    NEW,
    /** The call already had this sid. */
    SAME,
    /** The call has another sid: this one is a second Twilio call. */
    OTHER,
    /** The call already ended. */
    ENDED
  }

  /** What {@link #requestHangUp} asks the caller to do. */
  public enum HangUpPlan {
    /** Nothing: ended already, or the hang-up follows once the create settles. */
    LATER,
    /** No Twilio call exists and none will be made: end the call {@code canceled}. */
    ABANDON,
    /** Hang the Twilio call up now. */
    NOW
  }

  private final OutboundCall call;
  private volatile CallEndSink sink;
  private final Instant dialledAt;
  private final boolean restored;

  private Phase phase = Phase.CREATING;
  private @Nullable String sid;
  private @Nullable String lastStatus;
  private long lastSequence = -1;
  private @Nullable String answeredBy;
  private @Nullable String machineEnd;
  private int createAttempts;
  private boolean ended;
  private boolean hangUpRequested;
  private @Nullable String hangUpSent;
  private @Nullable Future<?> timer;

  /** A call the engine hands over now ({@code Dialer.dial}). */
  public CallState(OutboundCall call, CallEndSink sink, Instant dialledAt) {
    this(call, sink, dialledAt, false);
  }

  private CallState(OutboundCall call, CallEndSink sink, Instant dialledAt, boolean restored) {
    this.call = call;
    this.sink = sink;
    this.dialledAt = dialledAt;
    this.restored = restored;
  }

  /**
   * A call a previous process dialled, taken over after a restart ({@code Dialer.reconcile}): only
   * its numbers and ids are known (no agent, prompt, variables or maximum duration), and its create
   * is settled (it gets its sid at once).
   */
  public static CallState restored(OutboundCall call, CallEndSink sink, Instant dialledAt) {
    return new CallState(call, sink, dialledAt, true);
  }

  /** Whether the call was taken over after a restart (see {@link #restored}). */
  public boolean restored() {
    return restored;
  }

  public OutboundCall call() {
    return call;
  }

  /**
   * The engine following this call from now on: a key that came back to this process gets a new
   * engine, which reconciles the call, and its end must reach that engine, not the one stopped.
   */
  public void followedBy(CallEndSink next) {
    this.sink = next;
  }

  public CallEndSink sink() {
    return sink;
  }

  /** The engine's call id. */
  public String callId() {
    return call.callId();
  }

  /** When the engine handed the call over; calls Twilio created before it are not this one. */
  public Instant dialledAt() {
    return dialledAt;
  }

  /** Starts a create attempt; false if the call has ended. */
  /** Whether its create waits for its turn (pace or back-off): Twilio certainly has no call. */
  public synchronized boolean waitingToCreate() {
    return !ended && sid == null && phase == Phase.WAITING_TO_CREATE;
  }

  public synchronized boolean beginCreate() {
    if (ended || sid != null) {
      return false;
    }
    phase = Phase.CREATING;
    createAttempts++;
    return true;
  }

  public synchronized int createAttempts() {
    return createAttempts;
  }

  /**
   * Moves to {@code next} (waiting to create, or looking up) unless the call ended or got its sid;
   * returns whether it did.
   */
  public synchronized boolean waitFor(Phase next) {
    if (ended || sid != null) {
      return false;
    }
    phase = next;
    return true;
  }

  /** Records a pending timer (retry, look-up or reconciliation) to cancel when the call ends. */
  public synchronized void timer(Future<?> pending) {
    if (ended) {
      pending.cancel(false);
    } else {
      timer = pending;
    }
  }

  /** Gives the call its Twilio sid, unless it has one. */
  public synchronized Adoption adopt(String newSid) {
    if (ended) {
      return Adoption.ENDED;
    }
    if (sid == null) {
      sid = newSid;
      phase = Phase.PLACED;
      return Adoption.NEW;
    }
    return sid.equals(newSid) ? Adoption.SAME : Adoption.OTHER;
  }

  public synchronized @Nullable String sid() {
    return sid;
  }

  /**
   * Applies a status callback's order: true if {@code sequence} is newer than every one applied (or
   * absent), and then records the status. False for repeated or out-of-order callbacks.
   */
  public synchronized boolean applyStatus(@Nullable Long sequence, String status) {
    if (ended || (sequence != null && sequence <= lastSequence)) {
      return false;
    }
    if (sequence != null) {
      lastSequence = sequence;
    }
    lastStatus = status;
    return true;
  }

  public synchronized @Nullable String lastStatus() {
    return lastStatus;
  }

  /** Records the AMD verdict; false if the same verdict was already recorded. */
  public synchronized boolean answeredBy(String verdict) {
    if (verdict.equals(answeredBy)) {
      return false;
    }
    answeredBy = verdict;
    return true;
  }

  public synchronized @Nullable String answeredBy() {
    return answeredBy;
  }

  /**
   * A machine answered and the call is to be hung up: it will end {@code voicemail_detected} with
   * {@code detail} once Twilio reports it over. Returns whether the caller should send the hang-up
   * ({@code Status=completed}): false if the call ended, was already so decided, or was already
   * sent {@code completed}.
   */
  public synchronized boolean endAsMachine(String detail) {
    if (ended || machineEnd != null) {
      return false;
    }
    machineEnd = detail;
    if ("completed".equals(hangUpSent)) {
      return false;
    }
    hangUpSent = "completed";
    return true;
  }

  /**
   * The detail of the {@code voicemail_detected} end a machine verdict decided, or {@code null}:
   * whatever final status Twilio then reports, that is how the call ends.
   */
  public synchronized @Nullable String machineEnd() {
    return machineEnd;
  }

  /** The engine canceled the campaign: decides what hanging up this call takes. */
  public synchronized HangUpPlan requestHangUp() {
    if (ended) {
      return HangUpPlan.LATER;
    }
    hangUpRequested = true;
    return switch (phase) {
      case WAITING_TO_CREATE -> HangUpPlan.ABANDON;
      case PLACED -> HangUpPlan.NOW;
      case CREATING, LOOKING_UP -> HangUpPlan.LATER;
    };
  }

  public synchronized boolean hangUpRequested() {
    return hangUpRequested;
  }

  /**
   * Chooses the hang-up to send: {@code canceled} while the call may still be queued or ringing,
   * {@code completed} once it is in progress. Returns {@code null} if that hang-up was already
   * sent.
   */
  public synchronized @Nullable String nextHangUp() {
    String wanted = "in-progress".equals(lastStatus) ? "completed" : "canceled";
    if (wanted.equals(hangUpSent) || "completed".equals(hangUpSent)) {
      return null;
    }
    hangUpSent = wanted;
    return wanted;
  }

  /** Marks the call ended; false if it already was. Cancels any pending timer. */
  public boolean markEnded() {
    Future<?> pending;
    synchronized (this) {
      if (ended) {
        return false;
      }
      ended = true;
      pending = timer;
      timer = null;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    return true;
  }

  public synchronized boolean ended() {
    return ended;
  }
}
