package dev.outdial.engine.support;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.spi.EngineListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event the engine emits, in order. */
public final class RecordingListener implements EngineListener {
  private final List<Object> events = new ArrayList<>();

  @Override
  public void onCampaign(CampaignEvent event) {
    events.add(event);
  }

  @Override
  public void onCall(CallEvent event) {
    events.add(event);
  }

  public List<Object> events() {
    return List.copyOf(events);
  }

  public List<CampaignEvent> campaignEvents() {
    return events.stream()
        .filter(CampaignEvent.class::isInstance)
        .map(CampaignEvent.class::cast)
        .toList();
  }

  public List<CallEvent> callEvents() {
    return events.stream().filter(CallEvent.class::isInstance).map(CallEvent.class::cast).toList();
  }

  public List<CallEvent> starts() {
    return callEvents().stream().filter(e -> e.status() == CallStatus.IN_PROGRESS).toList();
  }

  public List<CallEvent> ends() {
    return callEvents().stream().filter(e -> e.status() == CallStatus.ENDED).toList();
  }
}
