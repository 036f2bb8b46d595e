package dev.outdial.engine.internal.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.AttemptCap;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.engine.testkit.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Issue 14, acceptance 2: over random campaigns of a few keys calling overlapping numbers, random
 * retry policies, call outcomes, windows, recipient-local hours, per-key attempt caps and crashes
 * with restarts on the store, checked against the test's own ledger of dials and models of window
 * and hours: no recipient gets more calls than its maximum; no attempt starts inside the minimum
 * delay after its previous one ended; no call starts outside its window or its number's hours; no
 * number gets more calls from one key than its cap in any period; and every campaign completes.
 */
class RetryAndCapProperties {
  private static final String AGENT = "agent_retry";
  private static final Instant START = Instant.parse("2026-03-06T15:00:00Z"); // a Friday
  private static final List<String> KEYS = List.of("key_a", "key_b");

  /** US numbers whose zones are known: New York, Los Angeles, and Idaho's 208 (Boise and LA). */
  private static final List<String> PHONES =
      List.of("+12127363100", "+13102778000", "+12083342100", "+12126910100", "+13104567000");

  private static final ZoneId UTC = ZoneId.of("Etc/UTC");
  private static final List<EndedReason> OUTCOMES =
      List.of(
          EndedReason.NO_ANSWER,
          EndedReason.BUSY,
          EndedReason.VOICEMAIL_DETECTED,
          EndedReason.COMPLETED,
          EndedReason.NO_ANSWER);

  /** A campaign as the test made it: what the checker needs to know, from its own request. */
  record Made(
      String id,
      String key,
      int maxAttempts,
      Duration minDelay,
      Set<EndedReason> on,
      int windowStart,
      int windowEnd,
      boolean guarded) {}

  /** A call as the dialer saw it, with the end the script gave it. */
  record Dial(String campaignId, String key, String phone, Instant at, Instant endsAt) {}

  @Property(tries = 60)
  void retries_and_caps_keep_every_limit_through_crashes(@ForAll long seed) {
    Random random = new Random(seed);
    SettableClock clock = new SettableClock(START.plusSeconds(random.nextInt(86_400)));
    List<Dial> ledger = new ArrayList<>();
    ScriptedDialer dialer =
        new ScriptedDialer(
            clock,
            call -> {
              EndedReason reason = OUTCOMES.get(random.nextInt(OUTCOMES.size()));
              Duration after = Duration.ofSeconds(5 + random.nextInt(300));
              ledger.add(
                  new Dial(
                      call.campaignId(),
                      call.keyId(),
                      call.to(),
                      clock.instant(),
                      clock.instant().plus(after)));
              return Outcome.endsAfter(reason, after);
            });
    Map<String, AttemptCap> caps = new HashMap<>();
    for (String key : KEYS) {
      if (random.nextBoolean()) {
        caps.put(
            key,
            new AttemptCap(1 + random.nextInt(3), Duration.ofMinutes(30 + random.nextInt(600))));
      }
    }
    MemoryStore store = new MemoryStore();
    OutdialEngine engine = engine(clock, dialer, caps, store);
    List<Made> made = new ArrayList<>();
    Instant end = clock.instant().plus(Duration.ofDays(12));
    int steps = 20 + random.nextInt(20);
    for (int step = 0; step < steps; step++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> made.add(create(engine, random));
        case 2 -> engine = engine(clock, dialer, caps, store); // a crash: dropped, not closed
        default ->
            new Simulation(clock, engine, dialer)
                .runUntil(clock.instant().plus(Duration.ofMinutes(1 + random.nextInt(180))));
      }
    }
    new Simulation(clock, engine, dialer).runUntil(end);

    Map<String, Made> byId = new HashMap<>();
    made.forEach(m -> byId.put(m.id(), m));
    Map<String, List<Dial>> byRecipient = new HashMap<>();
    for (Dial dial : ledger) {
      Made campaign = byId.get(dial.campaignId());
      assertTrue(
          windowOpen(campaign, dial.at()), () -> dial + " outside the window of " + campaign);
      assertTrue(
          !campaign.guarded() || hoursOpen(dial.phone(), dial.at()),
          () -> dial + " outside the recipient's local hours");
      byRecipient
          .computeIfAbsent(dial.campaignId() + dial.phone(), k -> new ArrayList<>())
          .add(dial);
    }
    for (List<Dial> attempts : byRecipient.values()) {
      Made campaign = byId.get(attempts.get(0).campaignId());
      assertTrue(
          attempts.size() <= campaign.maxAttempts(),
          () -> attempts.size() + " calls, more than " + campaign.maxAttempts() + ": " + attempts);
      for (int i = 1; i < attempts.size(); i++) {
        Dial previous = attempts.get(i - 1);
        Dial next = attempts.get(i);
        assertFalse(
            next.at().isBefore(previous.endsAt().plus(campaign.minDelay())),
            () -> next + " inside the minimum delay after " + previous);
      }
    }
    for (Map.Entry<String, AttemptCap> cap : caps.entrySet()) {
      Map<String, List<Instant>> starts = new HashMap<>();
      for (Dial dial : ledger) {
        if (dial.key().equals(cap.getKey())) {
          starts.computeIfAbsent(dial.phone(), p -> new ArrayList<>()).add(dial.at());
        }
      }
      for (List<Instant> calls : starts.values()) {
        for (Instant from : calls) {
          long within =
              calls.stream()
                  .filter(t -> !t.isBefore(from) && t.isBefore(from.plus(cap.getValue().per())))
                  .count();
          assertTrue(
              within <= cap.getValue().attempts(),
              () -> within + " calls within " + cap.getValue() + " from " + from + ": " + calls);
        }
      }
    }
    for (Made campaign : made) {
      assertEquals(
          CampaignStatus.COMPLETED,
          engine.campaign(campaign.key(), campaign.id()).status(),
          () -> campaign + " did not complete");
    }
  }

  private static OutdialEngine engine(
      SettableClock clock, ScriptedDialer dialer, Map<String, AttemptCap> caps, MemoryStore store) {
    return OutdialEngine.builder()
        .clock(clock)
        .dialer(dialer)
        .agents(AgentDirectory.of(new Agent(AGENT, null, List.of("+447446466847"))))
        .keyLimits(key -> Optional.of(new KeyLimits(2, 1.0, 2).withAttemptCap(caps.get(key))))
        .maxCallDuration(Duration.ofMinutes(10))
        .finishedRetention(Duration.ofDays(365))
        .store(store)
        .build();
  }

  private static Made create(OutdialEngine engine, Random random) {
    String key = KEYS.get(random.nextInt(KEYS.size()));
    // Windows that share at least two hours a day with the US federal hours of every test number,
    // so that every campaign can complete (a window the hours never open in waits for ever).
    int windowStart = (15 + random.nextInt(5)) * 60;
    int windowEnd = Math.min(24 * 60, windowStart + 60 * (3 + random.nextInt(6)));
    int maxAttempts = 2 + random.nextInt(3);
    int delay = 1 + random.nextInt(240);
    List<String> on = random.nextBoolean() ? List.of("no_answer", "busy") : List.of("no_answer");
    boolean guarded = random.nextBoolean();
    List<Recipient> recipients = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      recipients.add(Recipient.of(PHONES.get((random.nextInt(PHONES.size()) + i) % PHONES.size())));
    }
    BatchCampaignRequest.Builder request =
        BatchCampaignRequest.builder()
            .agentId(AGENT)
            .prompt("p")
            .timezone(UTC.getId())
            .window(windowStart, windowEnd)
            .recipients(recipients)
            .retry(on, maxAttempts, delay);
    if (guarded) {
      request.recipientLocalHours("skip_unknown");
    }
    String id = engine.create(key, request.build()).campaignId();
    Set<EndedReason> reasons =
        on.size() == 2
            ? Set.of(EndedReason.NO_ANSWER, EndedReason.BUSY)
            : Set.of(EndedReason.NO_ANSWER);
    return new Made(
        id, key, maxAttempts, Duration.ofMinutes(delay), reasons, windowStart, windowEnd, guarded);
  }

  /**
   * The campaign's window, in UTC minutes of every day (a window of this test never crosses
   * midnight).
   */
  private static boolean windowOpen(Made campaign, Instant at) {
    int second = LocalDateTime.ofInstant(at, UTC).toLocalTime().toSecondOfDay();
    return second >= campaign.windowStart() * 60 && second < campaign.windowEnd() * 60;
  }

  /**
   * The brute-force hours model over the zones libphonenumber gives the number (the guard's
   * placement, as {@link GuardedDiallingProperties} takes it), with the rules that apply there.
   */
  private static boolean hoursOpen(String phone, Instant at) {
    GuardDecision decision =
        HoursGuard.bundled(UnresolvedZonePolicy.SKIP)
            .decide(Long.parseLong(phone.substring(1)), UTC);
    if (!(decision instanceof GuardDecision.Guarded guarded)) {
      return false; // a number the guard skips must never be dialled
    }
    return new HoursModel(guarded.hours().zones(), List.of(guarded.hours().rule())).isOpen(at);
  }
}
