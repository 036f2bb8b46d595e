package dev.outdial.engine.internal.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallView;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RejectedException;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.testkit.Outcome;
import dev.outdial.engine.testkit.ScriptedDialer;
import dev.outdial.engine.testkit.SettableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 14, acceptance 1, through the engine: for random numbers of many countries, campaign
 * windows in random zones and creation instants near offset changes, a guarded campaign's call
 * starts only at an instant when its window (a wall-clock model) and the hours of every candidate
 * zone of its number ({@link HoursModel}, minute by minute) are open, and at the first such
 * instant; a number the guard skips is never dialled.
 */
class GuardedDiallingProperties {
  private static final String AGENT = "agent_guard";
  private static final List<String> ZONES =
      List.of(
          "America/New_York",
          "America/Los_Angeles",
          "America/Boise",
          "America/Sao_Paulo",
          "Europe/London",
          "Europe/Moscow",
          "Australia/Sydney",
          "Australia/Lord_Howe",
          "Asia/Kolkata",
          "America/St_Johns",
          "Pacific/Chatham");
  private static final Duration SCAN = Duration.ofDays(LocalHours.HORIZON_DAYS);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  record Window(ZoneId zone, int start, int end, Set<DayOfWeek> days) {
    boolean isOpen(Instant t) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      int second = local.toLocalTime().toSecondOfDay();
      return days.contains(local.getDayOfWeek()) && second >= start * 60 && second < end * 60;
    }
  }

  @Property(tries = 150)
  void a_guarded_call_starts_at_the_first_instant_its_window_and_all_its_zones_allow(
      @ForAll("phones") long phone, @ForAll("windows") Window window, @ForAll long seed) {
    Instant created = nearAChange(phone, window.zone(), seed);
    SettableClock clock = new SettableClock(created);
    ScriptedDialer dialer =
        ScriptedDialer.always(clock, Outcome.answeredFor(Duration.ofSeconds(1)));
    OutdialEngine engine =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AgentDirectory.of(new Agent(AGENT, null, List.of("+447446466847"))))
            .defaultLimits(new KeyLimits(100, 1000.0, 100))
            .maxCallDuration(Duration.ofDays(30))
            .finishedRetention(Duration.ofDays(365))
            .build();
    String id;
    try {
      id =
          engine
              .create(
                  "key",
                  BatchCampaignRequest.builder()
                      .agentId(AGENT)
                      .prompt("p")
                      .timezone(window.zone().getId())
                      .window(window.start(), window.end())
                      .windowDays(
                          window.days().stream()
                              .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
                              .collect(Collectors.toList()))
                      .recipients(List.of(Recipient.of("+" + phone)))
                      .recipientLocalHours("skip_unknown")
                      .build())
              .campaignId();
    } catch (RejectedException e) {
      Assume.that(false); // not a number the engine dials
      return;
    }
    GuardDecision decision =
        HoursGuard.bundled(UnresolvedZonePolicy.SKIP).decide(phone, window.zone());
    Instant end = created.plus(SCAN);
    engine.runDue();
    while (dialer.dialed().isEmpty()) {
      Optional<Instant> next = engine.nextDeadline();
      if (next.isEmpty() || next.get().isAfter(end)) {
        break;
      }
      clock.set(next.get());
      engine.runDue();
    }
    Optional<Instant> dialled =
        dialer.dialed().isEmpty() ? Optional.empty() : Optional.of(dialer.dialed().get(0).at());

    net.jqwik.api.statistics.Statistics.label("decision")
        .collect(decision.getClass().getSimpleName());
    net.jqwik.api.statistics.Statistics.label("dialled").collect(dialled.isPresent());
    if (decision instanceof GuardDecision.Skipped) {
      assertTrue(dialled.isEmpty(), "skipped but dialled at " + dialled);
      CallView call = engine.calls("key", id, 0, 1).calls().get(0);
      assertEquals(EndedReason.SKIPPED, call.endedReason());
      return;
    }
    HoursModel hours =
        decision instanceof GuardDecision.Guarded guarded
            ? new HoursModel(guarded.hours().zones(), List.of(guarded.hours().rule()))
            : null;
    Instant limit = dialled.orElse(end);
    if (dialled.isPresent()) {
      Instant at = dialled.get();
      assertTrue(window.isOpen(at), () -> "dialled outside the window at " + at);
      assertTrue(hours == null || hours.isOpen(at), () -> "dialled outside the hours at " + at);
    }
    // Nothing open before the dial (or, undialled, within the scan): it came at the first chance.
    boolean openAtCreation = window.isOpen(created) && (hours == null || hours.isOpen(created));
    if (openAtCreation) {
      assertEquals(Optional.of(created), dialled);
      return;
    }
    for (Instant m = HoursModel.ceilMinute(created); m.isBefore(limit); m = m.plus(MINUTE)) {
      Instant minute = m;
      assertFalse(
          window.isOpen(m) && (hours == null || hours.isOpen(m)),
          () -> "open at " + minute + " but dialled " + dialled);
    }
  }

  /** An instant up to a day around an offset change of the number's zones or the window's. */
  private static Instant nearAChange(long phone, ZoneId windowZone, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<ZoneId> zones = new ArrayList<>(new LocateNumber().locate(phone).zones());
    zones.add(windowZone);
    ZoneId zone = zones.get(random.nextInt(zones.size()));
    Instant from =
        Instant.parse("2000-01-01T00:00:00Z")
            .plusSeconds(random.nextInt(60 * 365 * 86_400 / 2) * 2L);
    ZoneOffsetTransition change =
        zone.getId().startsWith("Etc/") ? null : zone.getRules().nextTransition(from);
    Instant base = change == null || random.nextInt(4) == 0 ? from : change.getInstant();
    return base.plusSeconds(random.nextInt(2 * 86_400) - 86_400L);
  }

  @Provide
  Arbitrary<Window> windows() {
    return Combinators.combine(
            Arbitraries.of(ZONES).map(ZoneId::of),
            Arbitraries.integers().between(0, 1380),
            Arbitraries.integers().between(30, 1440),
            Arbitraries.subsetOf(DayOfWeek.values()).ofMinSize(1))
        .as(
            (zone, start, length, days) ->
                new Window(zone, start, Math.min(1440, start + length), days));
  }

  @Provide
  Arbitrary<Long> phones() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    List<Long> numbers = new ArrayList<>();
    for (String region : List.of("US", "CA", "BR", "RU", "AU", "IN", "GB", "MX", "KZ", "AR")) {
      for (PhoneNumberUtil.PhoneNumberType type :
          List.of(
              PhoneNumberUtil.PhoneNumberType.FIXED_LINE,
              PhoneNumberUtil.PhoneNumberType.MOBILE,
              PhoneNumberUtil.PhoneNumberType.TOLL_FREE)) {
        PhoneNumber example = util.getExampleNumberForType(region, type);
        if (example != null) {
          numbers.add(Long.parseLong(example.getCountryCode() + "" + example.getNationalNumber()));
        }
      }
    }
    for (int area : new int[] {208, 206, 305, 416, 604, 907, 808, 915, 541, 270, 850}) {
      numbers.add(Long.parseLong("1" + area + "5550123"));
    }
    return Arbitraries.of(numbers);
  }
}
