package dev.outdial.engine.internal;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.spi.EngineListener;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where campaign and call state changes: every status change, call start and call end
 * passes through here, is logged where it matters, and is told to the listener (whose failures are
 * logged and never stop the engine). A durable store would hook in here.
 */
final class StateChanges {
  private static final Logger log = LoggerFactory.getLogger("dev.outdial.engine.calls");

  private final EngineListener listener;
  private final boolean listening;
  private final Campaigns campaigns;

  StateChanges(EngineListener listener, boolean listening, Campaigns campaigns) {
    this.listener = listener;
    this.listening = listening;
    this.campaigns = campaigns;
  }

  void created(CampaignState campaign, Instant at) {
    announce(campaign, at);
  }

  void status(CampaignState campaign, CampaignStatus to, Instant at) {
    campaign.setStatus(to);
    if (to.isFinal()) {
      campaigns.closed(campaign);
      if (campaign.allEnded()) {
        campaigns.finished(campaign, at);
      }
    }
    announce(campaign, at);
  }

  /** Every campaign still scheduled in the cohort is running from now on. */
  void fired(Cohort cohort, Instant at) {
    cohort.fire();
    if (listening) {
      cohort.forEachFired(campaign -> announce(campaign, at));
    }
  }

  /** Marks the next recipient of {@code campaign} as dialled; returns its index. */
  int callStarted(CampaignState campaign, String callId, Instant at) {
    int index = campaign.markStarted(at);
    campaign.key.inFlight++;
    announce(campaign, callId, index, null, at);
    return index;
  }

  void callEnded(
      CampaignState campaign,
      String callId,
      int index,
      EndedReason reason,
      @Nullable String detail,
      Instant at) {
    campaign.markEnded(index, reason, detail, at);
    campaign.key.inFlight--;
    switch (reason) {
      case DIAL_FAILED, TIMED_OUT, ERROR ->
          log.warn(
              "call {} of campaign {} failed: {}{}",
              callId,
              campaign.id,
              reason.wire(),
              detail == null ? "" : " (" + detail + ")");
      default -> {
        if (log.isDebugEnabled()) { // no varargs array per call when DEBUG is off
          log.debug("call {} of campaign {} ended {}", callId, campaign.id, reason.wire());
        }
      }
    }
    announce(campaign, callId, index, reason, at);
    completeIfDone(campaign, at);
  }

  void canceled(CampaignState campaign, Instant at) {
    campaign.markUndialledCanceled(at);
    status(campaign, CampaignStatus.CANCELED, at);
  }

  private void completeIfDone(CampaignState campaign, Instant at) {
    if (!campaign.allEnded()) {
      return;
    }
    if (campaign.status().isFinal()) {
      campaigns.finished(campaign, at); // canceled, and its last call in progress just ended
    } else {
      status(campaign, CampaignStatus.COMPLETED, at);
    }
  }

  private void announce(
      CampaignState campaign, String callId, int index, @Nullable EndedReason reason, Instant at) {
    if (listening) {
      CallStatus status = reason == null ? CallStatus.IN_PROGRESS : CallStatus.ENDED;
      CallEvent event =
          new CallEvent(
              at,
              campaign.keyId,
              campaign.id,
              callId,
              index,
              campaign.phone(index),
              status,
              reason);
      try {
        listener.onCall(event);
      } catch (RuntimeException e) {
        log.error("listener failed on {}; the engine goes on", event, e);
      }
    }
  }

  private void announce(CampaignState campaign, Instant at) {
    if (listening) {
      CampaignEvent event = new CampaignEvent(at, campaign.keyId, campaign.id, campaign.status());
      try {
        listener.onCampaign(event);
      } catch (RuntimeException e) {
        log.error("listener failed on {}; the engine goes on", event, e);
      }
    }
  }
}
