package dev.outdial.engine.internal.state;

import dev.outdial.engine.EndedReason;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dialer reports — a call placed, not placed or ended, the dialer available again —
 * applied to the engine's state on the owner thread; a report about a call no longer in progress is
 * ignored. {@link EngineCore} hands each report over to the owner thread before it gets here.
 */
final class DialerReports {
  private static final Logger log = LoggerFactory.getLogger(DialerReports.class);

  private final Map<String, KeyState> keys;
  private final CallIds callIds;
  private final StateChanges changes;
  private final Dispatcher dispatcher;
  private final InstantSource clock;

  DialerReports(
      Map<String, KeyState> keys,
      CallIds callIds,
      StateChanges changes,
      Dispatcher dispatcher,
      InstantSource clock) {
    this.keys = keys;
    this.callIds = callIds;
    this.changes = changes;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /**
   * A dialer's text as the engine keeps it: U+0000, which PostgreSQL's text cannot hold, becomes
   * U+FFFD, so that one odd provider answer cannot fail every later commit.
   */
  static String storable(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
  }

  void callPlaced(String callId, String reference) {
    CallIds.Located located = callIds.locate(callId);
    if (located == null || !located.latest() || !located.campaign().inProgress(located.index())) {
      log.debug("reference {} for call {} ignored: it is not in progress", reference, callId);
      return;
    }
    changes.callPlaced(located.campaign(), located.index(), reference);
  }

  void callNotPlaced(String callId, String reason) {
    CallIds.Located located = callIds.locate(callId);
    if (located == null || !located.latest() || !located.campaign().inProgress(located.index())) {
      log.warn("not-placed report for call {} ignored: it is not in progress", callId);
      return;
    }
    CampaignState campaign = located.campaign();
    if (campaign.status().isFinal()) {
      // Canceled while the dialer tried: nothing is queued in a canceled campaign (it would never
      // finish), so the call ends canceled; the next dial tells whether the dialer can place calls.
      endCall(
          campaign,
          callId,
          located.index(),
          EndedReason.CANCELED,
          "not placed: " + reason,
          clock.instant());
      return;
    }
    if (campaign.expiredAt != null) {
      // Expired while the dialer tried: nothing is queued in an expired campaign, so it ends.
      endCall(
          campaign,
          callId,
          located.index(),
          EndedReason.EXPIRED,
          "not placed: " + reason,
          clock.instant());
      return;
    }
    callIds.ended(callId);
    changes.callNotPlaced(campaign, callId, located.index(), reason, clock.instant());
    dispatcher.offer(campaign); // back in its key's turn, dialled once the key resumes
  }

  void dialerAvailable() {
    Instant now = clock.instant();
    keys.forEach(
        (keyId, key) -> {
          if (key.suspendedSince != null) {
            changes.resumed(keyId, key, now);
            dispatcher.markDirty(key);
          }
        });
  }

  void callEnded(String callId, EndedReason reason, @Nullable String detail) {
    CallIds.Located located = callIds.locate(callId);
    if (located == null) {
      log.warn("end report for unknown call {} ({}) ignored", callId, reason.wire());
      return;
    }
    CampaignState campaign = located.campaign();
    if (!located.latest() || !campaign.inProgress(located.index())) {
      log.warn(
          "end report {} for call {} of campaign {} ignored: it is not in progress",
          reason.wire(),
          callId,
          campaign.id);
      return;
    }
    endCall(campaign, callId, located.index(), reason, detail, clock.instant());
  }

  /** Ends a call in progress: on its end report, and also when it times out or ends in doubt. */
  void endCall(
      CampaignState campaign,
      String callId,
      int index,
      EndedReason reason,
      @Nullable String detail,
      Instant now) {
    callIds.ended(callId);
    changes.callEnded(campaign, callId, index, reason, detail, now);
    dispatcher.markDirty(campaign.key);
  }
}
