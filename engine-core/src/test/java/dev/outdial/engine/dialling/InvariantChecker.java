package dev.outdial.engine.dialling;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.Outcome;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks SPEC §5 and §6 at every call event, failing at the first event that breaks a rule:
 * concurrency and token bucket per key, round-robin between a key's campaigns, request order, no
 * start while the window is closed (by an independent wall-clock model), and calls ending exactly
 * as scripted (never cut).
 */
final class InvariantChecker implements EngineListener {
  /** What the checker knows of a created campaign. */
  record Tracked(String keyId, BatchCampaignRequest request, ZoneId zone, CallingWindow window) {}

  private static final class KeyTrack {
    final KeyLimits limits;
    int inFlight;
    final List<Long> startNanos = new ArrayList<>();

    KeyTrack(KeyLimits limits) {
      this.limits = limits;
    }
  }

  private static final class CampaignTrack {
    final Tracked tracked;
    int starts;
    long lastStartEvent = -1;
    CampaignStatus status;
    Instant statusSince;
    Instant lastStartAt = Instant.MIN;

    CampaignTrack(Tracked tracked) {
      this.tracked = tracked;
    }
  }

  private record Started(Instant at, String phone, String keyId) {}

  private final Map<String, KeyLimits> limits;
  private final Map<String, Outcome> outcomes;
  private final Map<String, KeyTrack> keys = new HashMap<>();
  private final Map<String, CampaignTrack> campaigns = new HashMap<>();
  private final Map<String, Started> inProgress = new HashMap<>();
  private final Map<String, EndedReason> ended = new HashMap<>();
  private final List<String> startLog = new ArrayList<>();
  private long eventIndex;

  InvariantChecker(Map<String, KeyLimits> limits, Map<String, Outcome> outcomes) {
    this.limits = limits;
    this.outcomes = outcomes;
  }

  void track(String campaignId, Tracked tracked, CampaignStatus status, Instant since) {
    CampaignTrack campaign = new CampaignTrack(tracked);
    campaign.status = status;
    campaign.statusSince = since;
    campaigns.put(campaignId, campaign);
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

  @Override
  public void onCampaign(CampaignEvent event) {
    CampaignTrack campaign = campaigns.get(event.campaignId());
    if (campaign != null) {
      campaign.status = event.status();
      campaign.statusSince = event.at();
    }
  }

  @Override
  public void onCall(CallEvent event) {
    eventIndex++;
    if (event.status() == CallStatus.IN_PROGRESS) {
      started(event);
    } else {
      ended(event);
    }
  }

  private void started(CallEvent event) {
    CampaignTrack campaign = campaigns.get(event.campaignId());
    check(campaign != null, "start for an untracked campaign", event);
    Tracked tracked = campaign.tracked;
    KeyTrack key = keys.computeIfAbsent(event.keyId(), k -> new KeyTrack(limits.get(k)));

    check(key.inFlight < key.limits.maxConcurrentCalls(), "concurrency limit exceeded", event);
    checkBucket(key, nanos(event.at()), event);
    check(campaign.status == CampaignStatus.RUNNING, "dialled while " + campaign.status, event);
    check(modelOpen(tracked.request(), tracked.zone(), event.at()), "dialled while closed", event);
    String expectedPhone = tracked.request().recipients().get(campaign.starts).phone();
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
  private static void checkBucket(KeyTrack key, long now, CallEvent event) {
    List<Long> starts = key.startNanos;
    starts.add(now);
    int i = starts.size() - 1;
    for (int j = i; j >= 0; j--) {
      long count = i - j + 1;
      double allowed =
          key.limits.burst()
              + Math.floor((now - starts.get(j)) * key.limits.callsPerSecond() / 1e9);
      check(count <= allowed, "token bucket exceeded over " + count + " starts", event);
    }
  }

  /**
   * Between two starts of one campaign, every other campaign of the key that could dial the whole
   * time has started a call.
   */
  private void checkRoundRobin(CallEvent event, CampaignTrack campaign) {
    if (campaign.lastStartEvent < 0) {
      return;
    }
    Instant previous = campaign.lastStartAt;
    for (CampaignTrack other : campaigns.values()) {
      if (other == campaign || !other.tracked.keyId().equals(event.keyId())) {
        continue;
      }
      boolean couldDialThroughout =
          other.status == CampaignStatus.RUNNING
              && !other.statusSince.isAfter(previous)
              && other.starts < other.tracked.request().recipients().size()
              && other.tracked.window().isOpen(previous)
              && other
                  .tracked
                  .window()
                  .nextClosing(previous)
                  .map(c -> c.isAfter(event.at()))
                  .orElse(true);
      if (couldDialThroughout) {
        check(
            other.lastStartEvent > campaign.lastStartEvent,
            "round-robin skipped a campaign",
            event);
      }
    }
  }

  /** SPEC §3 straight from the wall clock, independent of CallingWindow. */
  static boolean modelOpen(BatchCampaignRequest request, ZoneId zone, Instant at) {
    if (request.windowStartMinutes() == null && request.windowDays() == null) {
      return true;
    }
    Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    if (request.windowDays() != null) {
      days.clear();
      for (String day : request.windowDays()) {
        for (DayOfWeek d : DayOfWeek.values()) {
          if (d.name().substring(0, 3).equals(day.toUpperCase(Locale.ROOT))) {
            days.add(d);
          }
        }
      }
    }
    int start = request.windowStartMinutes() == null ? 0 : request.windowStartMinutes();
    int end = request.windowEndMinutes() == null ? 1440 : request.windowEndMinutes();
    LocalDateTime local = LocalDateTime.ofInstant(at, zone);
    int second = local.toLocalTime().toSecondOfDay();
    DayOfWeek day = local.getDayOfWeek();
    if (start < end) {
      return days.contains(day) && second >= start * 60 && second < end * 60;
    }
    return (days.contains(day) && second >= start * 60)
        || (days.contains(day.minus(1)) && second < end * 60);
  }

  private static long nanos(Instant at) {
    return Duration.between(Instant.EPOCH, at).toNanos();
  }

  private static void check(boolean ok, String rule, CallEvent event) {
    if (!ok) {
      throw new AssertionError(rule + " at " + event);
    }
  }
}
