package dev.outdial.engine.internal.check;

import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.ErrorCode;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.Rejection;
import java.util.List;

/** The engine's refusals of actions, with messages that name the value. */
public final class Rejections {
  private Rejections() {}

  public static RejectedException notFound(String what, String id) {
    return new RejectedException(
        new Rejection(
            ErrorCode.NOT_FOUND,
            null,
            what + " " + ProblemMessages.shown(id) + " not found",
            List.of()));
  }

  public static RejectedException invalidState(
      String campaignId, CampaignStatus status, String action) {
    return new RejectedException(
        new Rejection(
            ErrorCode.INVALID_STATE,
            null,
            "cannot " + action + " campaign '" + campaignId + "': it is " + status.wire(),
            List.of()));
  }
}
