package dev.outdial.engine.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.CallEvent;
import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignEvent;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.CampaignView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.CallEndSink;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.OutboundCall;
import dev.outdial.engine.support.Requests;
import dev.outdial.engine.support.SeedRequests;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A host's listener, dialer, agent directory or key limits misbehaving never strands a campaign or
 * a slot: every change of engine state is complete before host code runs, and whatever host code
 * throws short of a {@link VirtualMachineError} is logged and handled as its SPI documents.
 */
class HostFailuresTest {
  private static final Instant T0 = Instant.parse("2026-06-10T12:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final ScriptedDialer scripted =
      ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(10)));

  private OutdialEngine engine(Dialer dialer, EngineListener listener) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(dialer)
        .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
        .defaultLimits(new KeyLimits(2, 1.0, 1))
        .listener(listener)
        .build();
  }

  @Test
  void a_listener_that_throws_neither_breaks_create_nor_strands_the_campaign() {
    EngineListener throwing =
        new EngineListener() {
          @Override
          public void onCampaign(CampaignEvent event) {
            throw new IllegalStateException("host bug");
          }

          @Override
          public void onCall(CallEvent event) {
            throw new IllegalStateException("host bug");
          }
        };
    OutdialEngine engine = engine(scripted, throwing);

    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    new Simulation(clock, engine, scripted).runUntilIdle(T0.plusSeconds(3600));

    CampaignView view = engine.campaign("key_a", id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(3, view.callsByEndedReason().get(EndedReason.COMPLETED));
  }

  @Test
  void a_dialer_throwing_an_error_ends_the_call_dial_failed_and_the_campaign_goes_on() {
    Dialer broken =
        (call, ends) -> {
          if (call.to().equals(Requests.phone(0))) {
            throw new NoClassDefFoundError("com/twilio/Twilio");
          }
          scripted.dial(call, ends);
        };
    OutdialEngine engine = engine(broken, EngineListener.none());

    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    new Simulation(clock, engine, scripted).runUntilIdle(T0.plusSeconds(3600));

    CampaignView view = engine.campaign("key_a", id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(1, view.callsByEndedReason().get(EndedReason.DIAL_FAILED));
    assertEquals(2, view.callsByEndedReason().get(EndedReason.COMPLETED));
    assertTrue(
        engine.calls("key_a", id, 0, 1).calls().get(0).detail().contains("com/twilio/Twilio"));
  }

  @Test
  void no_deadline_but_the_drop_after_retention_is_left_once_every_campaign_has_completed() {
    OutdialEngine engine = engine(scripted, EngineListener.none());
    engine.create("key_a", Requests.now(3).build());

    Instant idle =
        new Simulation(clock, engine, scripted).runUntilIdle(T0.plus(Duration.ofDays(1)));

    assertEquals(
        T0.plusSeconds(20), idle, "the last event is the third call's end (dialled at +10 s)");
    assertEquals(Optional.of(idle.plus(Duration.ofDays(1))), engine.nextDeadline());
  }

  @Test
  void absurdly_slow_rates_are_refused_and_a_huge_burst_does_not_overflow() {
    assertThrows(IllegalArgumentException.class, () -> new KeyLimits(1, 1e-11, 1));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(scripted)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(100, KeyLimits.MIN_CALLS_PER_SECOND, Integer.MAX_VALUE))
            .build();
    String id = engine.create("key_a", Requests.now(5).build()).campaignId();

    new Simulation(clock, engine, scripted).runUntilIdle(T0.plusSeconds(60));

    assertEquals(CampaignStatus.COMPLETED, engine.campaign("key_a", id).status());
  }

  @Test
  void a_listener_throwing_an_error_on_a_call_start_leaves_no_call_in_progress_forever() {
    EngineListener failsOnStart =
        new EngineListener() {
          @Override
          public void onCall(CallEvent event) {
            if (event.status() == CallStatus.IN_PROGRESS) {
              throw new AssertionError("host assertion on call start");
            }
          }
        };
    OutdialEngine engine = engine(scripted, failsOnStart);

    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    Instant idle = new Simulation(clock, engine, scripted).runUntilIdle(T0.plusSeconds(3600));

    CampaignView view = engine.campaign("key_a", id);
    assertEquals(CampaignStatus.COMPLETED, view.status());
    assertEquals(3, view.callsByEndedReason().get(EndedReason.COMPLETED));
    assertEquals(3, scripted.dialed().size(), "the dialer was called for every recipient");
    assertEquals(
        Optional.of(idle.plus(Duration.ofDays(1))),
        engine.nextDeadline(),
        "no slot or time-out left behind: only the drop after the retention");
  }

  @Test
  void an_error_from_the_listener_on_the_created_event_does_not_fail_create() {
    List<String> announced = new ArrayList<>();
    EngineListener failsOnCreated =
        new EngineListener() {
          @Override
          public void onCampaign(CampaignEvent event) {
            announced.add(event.campaignId());
            if (announced.size() == 1) {
              throw new ExceptionInInitializerError("host class failed to load");
            }
          }
        };
    OutdialEngine engine = engine(scripted, failsOnCreated);

    String id = engine.create("key_a", Requests.now(2).build()).campaignId();
    new Simulation(clock, engine, scripted).runUntilIdle(T0.plusSeconds(3600));

    assertEquals(id, announced.get(0), "create succeeded exactly because the campaign exists");
    assertEquals(CampaignStatus.COMPLETED, engine.campaign("key_a", id).status());
    assertEquals(2, scripted.dialed().size(), "each recipient dialled once");
  }

  @Test
  void a_linkage_error_from_hang_up_does_not_escape_cancel() {
    Dialer cannotHangUp =
        new Dialer() {
          @Override
          public void dial(OutboundCall call, CallEndSink ends) {
            scripted.dial(call, ends);
          }

          @Override
          public void hangUp(String callId) {
            throw new NoSuchMethodError("com.twilio.rest.api.v2010.account.CallUpdater");
          }
        };
    OutdialEngine engine = engine(cannotHangUp, EngineListener.none());
    String id = engine.create("key_a", Requests.now(3).build()).campaignId();
    engine.runDue();

    CampaignView canceled = engine.cancel("key_a", id);

    assertEquals(CampaignStatus.CANCELED, canceled.status());
    assertEquals(CampaignStatus.CANCELED, engine.campaign("key_a", id).status());
  }

  @Test
  void a_key_limits_source_that_throws_fails_the_create_and_is_asked_again_next_time() {
    int[] asked = {0};
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(scripted)
            .agents(AgentDirectory.of(SeedRequests.SEED_AGENT))
            .defaultLimits(new KeyLimits(10, 100.0, 100))
            .keyLimits(
                keyId -> {
                  if (asked[0]++ == 0) {
                    throw new LinkageError("host's limits table failed to load");
                  }
                  return Optional.of(new KeyLimits(1, 1.0, 1));
                })
            .build();

    LinkageError thrown =
        assertThrows(LinkageError.class, () -> engine.create("key_a", Requests.now(2).build()));
    assertEquals("host's limits table failed to load", thrown.getMessage());
    assertEquals(List.of(), engine.openCampaigns(), "nothing created");

    String id = engine.create("key_a", Requests.now(2).build()).campaignId();
    engine.runDue();

    assertEquals(2, asked[0], "asked again: the failure was not cached as the default");
    assertEquals(1, scripted.dialed().size(), "the key's own limits: one call at a time");
    new Simulation(clock, engine, scripted).runUntilIdle(T0.plusSeconds(3600));
    assertEquals(CampaignStatus.COMPLETED, engine.campaign("key_a", id).status());
  }

  @Test
  void an_agent_directory_that_throws_fails_create_and_creates_nothing() {
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(scripted)
            .agents(
                agentId -> {
                  throw new IllegalStateException("agent database down");
                })
            .build();

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class, () -> engine.create("key_a", Requests.now(2).build()));

    assertEquals("agent database down", thrown.getMessage());
    assertEquals(List.of(), engine.openCampaigns());
    engine.runDue();
    assertEquals(List.of(), scripted.dialed());
  }
}
