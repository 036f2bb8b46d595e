package dev.outdial.engine.dialling;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignCreated;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks SPEC §4, §5 and §6 at every call event, failing at the first event that breaks a rule:
 * concurrency and token bucket per key, round-robin between a key's campaigns, request order, no
 * start unless the campaign is running and its window open, and calls ending exactly as scripted
 * (never cut).
 *
 * <p>It takes nothing on the engine's word. A campaign's status comes from the checker's own
 * ledger: the status at creation and the firing instant from SPEC §4 and {@link WallClockWindow},
 * the host's actions as {@link #hostAction} is told of them (it says whether the engine must accept
 * them), and completion from the calls it saw end. Windows are {@link WallClockWindow}s, never the
 * production {@code CallingWindow}. The engine's campaign events are only compared with that
 * ledger.
 */
final class InvariantChecker implements EngineListener {
  /** Searches for a window's opening give up after this long (SPEC §3 weekly windows, gaps). */
  static final Duration OPENING_SEARCH = Duration.ofDays(400);

  /** What the checker knows of a created campaign: the request and the E.164 phones to dial. */
  record Tracked(String keyId, BatchCampaignRequest request, ZoneId zone, List<String> phones) {}

  private static final class KeyTrack {
    final KeyLimits limits;
    int inFlight;
    final List<Instant> starts = new ArrayList<>();

    KeyTrack(KeyLimits limits) {
      this.limits = limits;
    }
  }

  /** One campaign in the checker's ledger. */
  private static final class CampaignTrack {
    final Tracked tracked;
    final WallClockWindow window;

    /** As created or last set by the host; a scheduled one reads running from {@link #firesAt}. */
    CampaignStatus status;

    Instant firesAt;

    /** When it last became running: an instant and, for host actions, the event sequence. */
    Instant runningSince;

    /** -1 when it fired at {@link #runningSince} (before any start at that instant). */
    long runningSinceEvent;

    int starts;
    int ends;
    long lastStartEvent = -1;
    Instant lastStartAt = Instant.MIN;

    CampaignTrack(Tracked tracked) {
      this.tracked = tracked;
      this.window = new WallClockWindow(tracked.request(), tracked.zone());
    }

    CampaignStatus statusAt(Instant at) {
      if (status == CampaignStatus.CANCELED) {
        return status;
      }
      if (ends == tracked.phones().size()) {
        return CampaignStatus.COMPLETED;
      }
      if (status == CampaignStatus.SCHEDULED && !firesAt.isAfter(at)) {
        return CampaignStatus.RUNNING;
      }
      return status;
    }

    /** A scheduled campaign whose firing instant passed is running since then. */
    void settle(Instant at) {
      if (status == CampaignStatus.SCHEDULED && !firesAt.isAfter(at)) {
        status = CampaignStatus.RUNNING;
        runningSince = firesAt;
        runningSinceEvent = -1;
      }
    }

    /** Whether it became running before the start made at {@code at} as event {@code event}. */
    boolean runningBefore(Instant at, long event) {
      return runningSinceEvent >= 0 ? runningSinceEvent < event : !runningSince.isAfter(at);
    }
  }

  private record Started(Instant at, String phone, String keyId) {}

  private final Map<String, KeyLimits> limits;
  private final Map<String, Outcome> outcomes;
  private final Map<String, KeyTrack> keys = new HashMap<>();
  private final Map<String, CampaignTrack> campaigns = new LinkedHashMap<>();
  private final Map<String, Started> inProgress = new HashMap<>();
  private final Map<String, EndedReason> ended = new HashMap<>();
  private final List<String> startLog = new ArrayList<>();
  private long eventIndex;
  private AssertionError failure;

  InvariantChecker(Map<String, KeyLimits> limits, Map<String, Outcome> outcomes) {
    this.limits = limits;
    this.outcomes = outcomes;
  }

  /**
   * A campaign was created at {@code now}: checks the engine's answer against SPEC §4 (status and
   * firing instant from the model window) and enters it in the ledger.
   */
  void created(String campaignId, Tracked tracked, CampaignCreated answer, Instant now) {
    CampaignTrack campaign = new CampaignTrack(tracked);
    BatchCampaignRequest request = tracked.request();
    campaign.status = CampaignStatus.RUNNING;
    if (request.scheduledDate() != null) {
      Instant due =
          LocalDate.parse(request.scheduledDate()).atStartOfDay(tracked.zone()).toInstant();
      campaign.firesAt = campaign.window.firstOpen(due.isAfter(now) ? due : now, OPENING_SEARCH);
      if (campaign.firesAt.isAfter(now)) {
        campaign.status = CampaignStatus.SCHEDULED;
      }
      require(
          campaign.firesAt.equals(answer.firesAt()),
          "fires at " + campaign.firesAt + ", not " + answer.firesAt(),
          campaignId);
    }
    require(
        answer.status() == campaign.status,
        "created " + campaign.status + ", not " + answer.status(),
        campaignId);
    require(tracked.zone().equals(answer.timezone()), "zone " + answer.timezone(), campaignId);
    campaign.runningSince = now;
    campaign.runningSinceEvent = ++eventIndex;
    campaigns.put(campaignId, campaign);
  }

  /**
   * The host takes {@code action} on a campaign at {@code now}; returns whether SPEC §4 lets it
   * (the engine must then accept it, else refuse it as {@code invalid_state}) and, if so, records
   * the new status.
   */
  boolean hostAction(String campaignId, Scenario.Action action, Instant now) {
    CampaignTrack campaign = campaigns.get(campaignId);
    campaign.settle(now);
    CampaignStatus status = campaign.statusAt(now);
    CampaignStatus to =
        switch (action) {
          case LAUNCH -> status == CampaignStatus.SCHEDULED ? CampaignStatus.RUNNING : null;
          case PAUSE -> status == CampaignStatus.RUNNING ? CampaignStatus.PAUSED : null;
          case RESUME -> status == CampaignStatus.PAUSED ? CampaignStatus.RUNNING : null;
          case CANCEL -> status.isFinal() ? null : CampaignStatus.CANCELED;
          case CREATE -> throw new IllegalArgumentException("not an action on a campaign");
        };
    if (to == null) {
      return false;
    }
    if (to == CampaignStatus.CANCELED) {
      campaign.ends += campaign.tracked.phones().size() - campaign.starts; // end as canceled
    }
    campaign.status = to;
    campaign.runningSince = now;
    campaign.runningSinceEvent = ++eventIndex;
    return true;
  }

  /** The campaign's status at {@code at} by the ledger. */
  CampaignStatus status(String campaignId, Instant at) {
    return campaigns.get(campaignId).statusAt(at);
  }

  /** How many of the campaign's recipients were dialled. */
  int starts(String campaignId) {
    return campaigns.get(campaignId).starts;
  }

  /** Every start as "key phone instant", in order. */
  List<String> startLog() {
    return startLog;
  }

  Map<String, EndedReason> ended() {
    return ended;
  }

  int inProgressCount() {
    return inProgress.size();
  }

  /** The engine's announcements must agree with the ledger (creations are checked on return). */
  @Override
  public void onCampaign(CampaignEvent event) {
    CampaignTrack campaign = campaigns.get(event.campaignId());
    if (campaign != null) {
      campaign.settle(event.at());
      CampaignStatus expected = campaign.statusAt(event.at());
      if (expected != event.status()) {
        fail("announced " + event.status() + " while the ledger says " + expected + ": " + event);
      }
    }
  }

  /**
   * Rethrows the first rule broken, if any. The engine may catch what a listener throws (it is host
   * code), so a run must end with this.
   */
  void assertHeld() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void onCall(CallEvent event) {
    eventIndex++;
    try {
      if (event.status() == CallStatus.IN_PROGRESS) {
        started(event);
      } else {
        ended(event);
      }
    } catch (RuntimeException e) { // the engine would log and swallow it
      fail("checker failed at " + event + ": " + e);
    }
  }

  private void started(CallEvent event) {
    CampaignTrack campaign = campaigns.get(event.campaignId());
    check(campaign != null, "start for an untracked campaign", event);
    Tracked tracked = campaign.tracked;
    KeyTrack key = keys.computeIfAbsent(event.keyId(), k -> new KeyTrack(limits.get(k)));

    check(key.inFlight < key.limits.maxConcurrentCalls(), "concurrency limit exceeded", event);
    checkBucket(key, event.at(), event);
    campaign.settle(event.at());
    CampaignStatus status = campaign.statusAt(event.at());
    check(status == CampaignStatus.RUNNING, "dialled while " + status, event);
    check(campaign.window.isOpen(event.at()), "dialled while closed", event);
    check(campaign.starts < tracked.phones().size(), "more calls than recipients", event);
    String expectedPhone = tracked.phones().get(campaign.starts);
    check(expectedPhone.equals(event.phone()), "not in request order: " + expectedPhone, event);
    checkRoundRobin(event, campaign);
    check(
        inProgress.put(event.callId(), new Started(event.at(), event.phone(), event.keyId()))
            == null,
        "call started twice",
        event);

    key.inFlight++;
    campaign.starts++;
    campaign.lastStartEvent = eventIndex;
    campaign.lastStartAt = event.at();
    startLog.add(event.keyId() + " " + event.phone() + " " + event.at());
  }

  private void ended(CallEvent event) {
    Started started = inProgress.remove(event.callId());
    check(started != null, "end of a call not in progress", event);
    check(ended.put(event.callId(), event.endedReason()) == null, "call ended twice", event);
    keys.get(event.keyId()).inFlight--;
    campaigns.get(event.campaignId()).ends++;
    Outcome outcome = outcomes.get(started.phone());
    if (outcome.failsOnDial()) {
      check(
          event.endedReason() == EndedReason.DIAL_FAILED,
          "throwing dial must be dial_failed",
          event);
      check(event.at().equals(started.at()), "dial failure must end at once", event);
    } else if (outcome.reason() == null) {
      check(event.endedReason() == EndedReason.TIMED_OUT, "unreported call must time out", event);
      check(
          event.at().equals(started.at().plus(Scenario.MAX_CALL).plus(Scenario.GRACE)),
          "time-out at max duration plus grace",
          event);
    } else {
      check(event.endedReason() == outcome.reason(), "ended otherwise than scripted", event);
      check(event.at().equals(started.at().plus(outcome.after())), "call was cut", event);
    }
  }

  /** Starts in any interval [t_j, t_i] never exceed burst + floor(rate * length). */
  private void checkBucket(KeyTrack key, Instant now, CallEvent event) {
    List<Instant> starts = key.starts;
    starts.add(now);
    int i = starts.size() - 1;
    for (int j = i; j >= 0; j--) {
      long count = i - j + 1;
      double allowed =
          key.limits.burst()
              + Math.floor(
                  Duration.between(starts.get(j), now).toNanos()
                      * key.limits.callsPerSecond()
                      / 1e9);
      if (count > allowed) {
        check(false, "token bucket exceeded over " + count + " starts", event);
      }
      if (allowed >= starts.size()) {
        return; // earlier intervals are longer and hold fewer starts than that
      }
    }
  }

  /**
   * Between two starts of one campaign, every other campaign of the key that could dial the whole
   * time (running by the ledger before the first start, recipients left, model window open
   * throughout) has started a call.
   */
  private void checkRoundRobin(CallEvent event, CampaignTrack campaign) {
    if (campaign.lastStartEvent < 0) {
      return;
    }
    Instant previous = campaign.lastStartAt;
    for (Map.Entry<String, CampaignTrack> entry : campaigns.entrySet()) {
      CampaignTrack other = entry.getValue();
      if (other == campaign
          || !other.tracked.keyId().equals(event.keyId())
          || other.lastStartEvent > campaign.lastStartEvent) {
        continue;
      }
      other.settle(event.at());
      boolean couldDialThroughout =
          other.statusAt(event.at()) == CampaignStatus.RUNNING
              && other.runningBefore(previous, campaign.lastStartEvent)
              && other.starts < other.tracked.phones().size()
              && other.window.openThroughout(previous, event.at());
      check(
          !couldDialThroughout,
          "round-robin skipped campaign "
              + entry.getKey()
              + " (running since "
              + other.runningSince
              + ", "
              + other.starts
              + " started) between this campaign's starts at "
              + previous,
          event);
    }
  }

  private void check(boolean ok, String rule, CallEvent event) {
    if (!ok) {
      fail(rule + " at " + event);
    }
  }

  private void require(boolean ok, String rule, String campaignId) {
    if (!ok) {
      fail(campaignId + ": " + rule);
    }
  }

  private void fail(String message) {
    AssertionError error = new AssertionError(message);
    if (failure == null) {
      failure = error;
    }
    throw error;
  }
}
