package dev.outdial.benchmarks;

import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.CallingWindow;
import dev.outdial.engine.OutdialEngine;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RequestLimits;
import dev.outdial.engine.TimezoneSource;
import dev.outdial.engine.internal.check.CampaignSpec;
import dev.outdial.engine.internal.check.RecipientExtras;
import dev.outdial.engine.internal.state.EngineCore;
import dev.outdial.engine.spi.Agent;
import dev.outdial.engine.spi.AgentDirectory;
import dev.outdial.engine.spi.Dialer;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.engine.spi.KeyLimits;
import dev.outdial.engine.spi.KeyLimitsSource;
import dev.outdial.engine.spi.SuppressionList;
import dev.outdial.engine.store.CampaignStore;
import dev.outdial.engine.testkit.SettableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The inputs every benchmark shares, so that ours and the baselines see the same campaigns: one
 * agent, Europe/London, a 09:00-18:00 window on weekdays, and campaigns scheduled for Monday
 * 2026-06-15, whose window opens at 08:00Z.
 */
public final class Fixtures {
  public static final String AGENT = "agent_125207e452f8714a";
  public static final String FROM = "+447446466847";
  public static final String ZONE_NAME = "Europe/London";
  public static final ZoneId ZONE = ZoneId.of(ZONE_NAME);
  public static final int WINDOW_START = 540;
  public static final int WINDOW_END = 1080;
  public static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri");
  public static final Set<DayOfWeek> DAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /** The day every "fire" campaign is scheduled for: a Monday. */
  public static final LocalDate FIRE_DATE = LocalDate.of(2026, 6, 15);

  /** The prompt of every benchmark campaign. */
  public static final String PROMPT = "Remind the patient about their check-up tomorrow.";

  /** Where its window opens: 09:00 London (BST) on {@link #FIRE_DATE}. */
  public static final Instant FIRE_AT = Instant.parse("2026-06-15T08:00:00Z");

  /** A moment of that Monday before the opening, when nothing is due. */
  public static final Instant BEFORE_FIRE = Instant.parse("2026-06-15T07:59:59Z");

  /** The idle tick's instant: Monday noon; every idle campaign is scheduled on a later day. */
  public static final Instant IDLE_NOW = Instant.parse("2026-06-15T12:00:00Z");

  /** Idle campaigns are scheduled from this day on, one of 365 days in turn. */
  public static final LocalDate IDLE_FIRST_DATE = LocalDate.of(2026, 6, 16);

  public static final AgentDirectory AGENTS =
      AgentDirectory.of(new Agent(AGENT, ZONE_NAME, List.of(FROM)));

  private Fixtures() {}

  /** The i-th of ten million distinct valid UK mobile numbers (+44 740x xxxxxx). */
  public static String phone(long i) {
    return "+44" + (7_400_000_000L + i);
  }

  /** The day the i-th idle campaign is scheduled for. */
  public static LocalDate idleDate(int i) {
    return IDLE_FIRST_DATE.plusDays(i % 365);
  }

  /** A deterministic engine with room for ten million recipients a campaign. */
  public static OutdialEngine engine(SettableClock clock, Dialer dialer, KeyLimits limits) {
    return engine(clock, dialer, limits, null);
  }

  /** Like {@link #engine(SettableClock, Dialer, KeyLimits)}, durable in {@code store} if given. */
  public static OutdialEngine engine(
      SettableClock clock, Dialer dialer, KeyLimits limits, @Nullable CampaignStore store) {
    OutdialEngine.Builder builder =
        OutdialEngine.builder()
            .clock(clock)
            .dialer(dialer)
            .agents(AGENTS)
            .defaultLimits(limits)
            .requestLimits(RequestLimits.DEFAULT.withMaxRecipients(10_000_000));
    if (store != null) {
      builder.store(store);
    }
    return builder.build();
  }

  /**
   * The engine behind {@link OutdialEngine}, driven directly: {@code runDue(now)} is what {@code
   * OutdialEngine.runDue()} calls with the clock's instant. The scale benchmarks use it with
   * campaigns built by {@link #spec}, because checking a request parses every phone with
   * libphonenumber (2.5 to 10 µs each on this machine), which would make building 10^6 campaigns
   * per iteration take minutes; what is measured (firing, ticking, dialling) is the same. The
   * engine judges each dial at its clock's instant: here the clock stands at {@link #FIRE_AT}, the
   * instant at which every dialling benchmark dials. Its listener is {@link EngineListener#none()},
   * which the engine builds no events for. {@code OutdialServer} installs its recipient ledger as
   * the listener, which does not hear firings: {@link FireBenchmark#outdialServerListener} measures
   * the pass with a listener that does what the ledger does.
   */
  public static EngineCore core(Dialer dialer, KeyLimits limits) {
    return core(dialer, limits, FIRE_AT);
  }

  /** Like {@link #core(Dialer, KeyLimits)}, its clock standing at {@code clockAt}. */
  public static EngineCore core(Dialer dialer, KeyLimits limits, Instant clockAt) {
    return core(dialer, limits, clockAt, EngineListener.none());
  }

  /** Like {@link #core(Dialer, KeyLimits, Instant)}, telling {@code listener}. */
  public static EngineCore core(
      Dialer dialer, KeyLimits limits, Instant clockAt, EngineListener listener) {
    return new EngineCore(
        dialer,
        listener,
        KeyLimitsSource.none(),
        limits,
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        Duration.ofHours(24),
        InstantSource.fixed(clockAt),
        null,
        SuppressionList.none());
  }

  /**
   * What checking {@link #scheduled}{@code (date, recipients)} yields, built without the checks:
   * its own window, the phones' E.164 digits, and the recipients' extras (or null).
   */
  public static CampaignSpec spec(
      LocalDate date, long[] phones, @Nullable RecipientExtras @Nullable [] extras) {
    return new CampaignSpec(
        AGENT,
        PROMPT,
        null,
        FROM,
        ZONE,
        TimezoneSource.CAMPAIGN,
        CallingWindow.of(ZONE, WINDOW_START, WINDOW_END, DAYS),
        date,
        phones,
        extras,
        List.of(),
        List.of());
  }

  /** The E.164 digits of {@code count} phones from {@code first}, as {@link #phone} spells them. */
  public static long[] phones(long first, int count) {
    long[] digits = new long[count];
    for (int i = 0; i < count; i++) {
      digits[i] = 447_400_000_000L + first + i;
    }
    return digits;
  }

  /** A campaign scheduled for {@code date} in the shared window, dialling {@code recipients}. */
  public static BatchCampaignRequest scheduled(LocalDate date, List<Recipient> recipients) {
    return BatchCampaignRequest.builder()
        .agentId(AGENT)
        .prompt("Remind the patient about their check-up tomorrow.")
        .timezone(ZONE_NAME)
        .recipients(recipients)
        .scheduledFor(date)
        .window(WINDOW_START, WINDOW_END)
        .windowDays(DAY_NAMES)
        .build();
  }

  /** {@code count} recipients with phones {@code first, first + 1, ...} and no variables. */
  public static List<Recipient> recipients(long first, int count) {
    List<Recipient> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(Recipient.of(phone(first + i)));
    }
    return list;
  }

  /** Like {@link #recipients} with two variables each, values distinct per recipient. */
  public static List<Recipient> recipientsWithTwoVariables(long first, int count) {
    List<Recipient> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(
          Recipient.of(
              phone(first + i),
              Map.of("patient_name", "Patient " + (first + i), "appointment", "09:" + i % 60)));
    }
    return list;
  }
}
