package dev.outdial.engine.internal.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 14's acceptance 1 for the guard's core, against {@link HoursModel}: over numbers from many
 * countries (libphonenumber's example numbers of 20 regions, every US and Canadian area code, with
 * their last digits mutated), with the table's rules and random ones, at instants from 1990 to 2060
 * with offset transitions of the candidate zones over-sampled: {@link LocalHours} is open exactly
 * when the model is, its next opening is the model's first open minute (or {@code t} when open),
 * nothing before it is open, and its next closing is the model's first closed minute after.
 */
class LocalHoursProperties {

  private static final LocateNumber LOCATE = new LocateNumber();
  private static final HoursRules TABLE = HoursRules.bundled();
  private static final List<Long> SEED_NUMBERS = seedNumbers();
  private static final List<Long> MULTI_ZONE_SEEDS =
      SEED_NUMBERS.stream().filter(n -> LOCATE.locate(n).zones().size() > 1).toList();
  private static final long FROM = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
  private static final long UNTIL = Instant.parse("2060-01-01T00:00:00Z").getEpochSecond();
  private static final int MAX_ZONES = 8;

  /** A group of recipients and an instant to ask about. */
  record Case(long phone, List<ZoneId> zones, HoursRule rule, Instant t) {
    @Override
    public String toString() {
      return "+" + phone + " " + zones + " " + rule + " at " + t;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Long> phones = phones();
    Arbitrary<HoursRule> rules =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.of(new ArrayList<>(TABLE.rules().values()))),
            net.jqwik.api.Tuple.of(1, randomRules()));
    return Combinators.combine(phones, rules, Arbitraries.longs(), Arbitraries.integers())
        .as(LocalHoursProperties::makeCase);
  }

  private static Case makeCase(long phone, HoursRule rule, long seed, int mode) {
    Random random = new Random(seed);
    NumberLocation location = LOCATE.locate(phone);
    List<ZoneId> zones = new ArrayList<>(location.zones());
    if (zones.isEmpty()) {
      zones.add(ZoneId.of("America/New_York"));
    }
    while (zones.size() > MAX_ZONES) {
      zones.remove(random.nextInt(zones.size()));
    }
    long second = FROM + Math.floorMod(random.nextLong(), UNTIL - FROM);
    Instant t = Instant.ofEpochSecond(second);
    if (Math.floorMod(mode, 3) != 0) {
      // Near an offset transition of one candidate zone: within three hours either side.
      ZoneId zone = zones.get(random.nextInt(zones.size()));
      ZoneOffsetTransition next = zone.getRules().nextTransition(t);
      if (next != null) {
        t = next.getInstant().plusSeconds(random.nextInt(6 * 3600) - 3 * 3600);
      }
    }
    if (Math.floorMod(mode, 4) == 0) {
      t = t.plusSeconds(random.nextInt(60)).plusNanos(random.nextInt(1_000_000_000));
    }
    return new Case(phone, List.copyOf(zones), rule, t);
  }

  @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
  void is_open_exactly_when_every_candidate_zone_is_inside_the_rule(@ForAll("cases") Case c) {
    LocalHours hours = LocalHours.of(c.zones(), c.rule());
    HoursModel model = new HoursModel(hours.zones(), List.of(c.rule()));
    assertEquals(model.isOpen(c.t()), hours.isOpen(c.t()), c::toString);
    Statistics.label("zones").collect(Math.min(c.zones().size(), 3));
  }

  @Property(tries = 800, edgeCases = EdgeCasesMode.NONE)
  void next_opening_is_the_first_open_minute_and_nothing_before_it_is_open(
      @ForAll("cases") Case c) {
    LocalHours hours = LocalHours.of(c.zones(), c.rule());
    HoursModel model = new HoursModel(hours.zones(), List.of(c.rule()));
    Instant opening = hours.nextOpening(c.t());
    assertEquals(model.nextOpening(c.t()), opening, c::toString);
    if (!opening.equals(Instant.MAX)) {
      assertTrue(hours.isOpen(opening), c::toString);
      if (!opening.equals(c.t())) {
        assertFalse(hours.isOpen(opening.minusSeconds(1)), c::toString);
      }
      Random random = new Random(c.t().getEpochSecond());
      long span = Duration.between(c.t(), opening).toNanos();
      for (int i = 0; i < 20 && span > 0; i++) {
        Instant between = c.t().plusNanos(Math.floorMod(random.nextLong(), span));
        assertFalse(hours.isOpen(between), () -> c + " open at " + between);
        assertFalse(model.isOpen(between), () -> c + " model open at " + between);
      }
    }
    Statistics.label("opens").collect(!opening.equals(Instant.MAX));
  }

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void next_closing_is_the_first_closed_minute_after_the_open_stretch(@ForAll("cases") Case c) {
    LocalHours hours = LocalHours.of(c.zones(), c.rule());
    HoursModel model = new HoursModel(hours.zones(), List.of(c.rule()));
    Instant opening = hours.nextOpening(c.t());
    Optional<Instant> closing = hours.nextClosing(c.t());
    if (opening.equals(Instant.MAX)) {
      assertEquals(Optional.empty(), closing, c::toString);
      return;
    }
    Optional<Instant> expected = model.closingAfter(opening, 15);
    if (expected.isPresent()) {
      assertEquals(expected, closing, c::toString);
    } else {
      assertTrue(
          closing.isEmpty() || closing.get().isAfter(opening.plus(Duration.ofDays(15))),
          c::toString);
    }
  }

  @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
  void a_guarded_number_is_open_only_inside_its_country_and_state_rules_in_every_zone(
      @ForAll("phones") long phone, @ForAll("cases") Case at) {
    HoursGuard guard = HoursGuard.bundled(UnresolvedZonePolicy.SKIP);
    GuardDecision decision = guard.decide(phone, ZoneId.of("Europe/London"));
    NumberLocation location = LOCATE.locate(phone);
    List<HoursRule> applicable = new ArrayList<>();
    Optional.ofNullable(TABLE.rules().get(location.jurisdiction().country()))
        .ifPresent(applicable::add);
    Optional.ofNullable(TABLE.rules().get(location.jurisdiction().subdivisionKey()))
        .ifPresent(applicable::add);
    if (applicable.isEmpty()) {
      assertTrue(decision instanceof GuardDecision.Unguarded, () -> phone + " " + decision);
    } else if (location.certainty() != NumberLocation.Certainty.AREA) {
      assertTrue(decision instanceof GuardDecision.Skipped, () -> phone + " " + decision);
    } else {
      LocalHours hours = ((GuardDecision.Guarded) decision).hours();
      assertEquals(location.zones(), hours.zones());
      HoursModel model = new HoursModel(location.zones(), applicable);
      assertEquals(model.isOpen(at.t()), hours.isOpen(at.t()), () -> phone + " at " + at.t());
      assertEquals(model.nextOpening(at.t()), hours.nextOpening(at.t()), () -> phone + " " + at);
    }
    Statistics.label("decision").collect(decision.getClass().getSimpleName());
  }

  @Provide
  Arbitrary<Long> phones() {
    // Numbers with several candidate zones are few; a third of the numbers come from them.
    Arbitrary<Long> seeds =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.of(SEED_NUMBERS)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(MULTI_ZONE_SEEDS)));
    return Combinators.combine(seeds, Arbitraries.integers().between(0, 9999))
        .as((seed, tail) -> seed / 10_000 * 10_000 + tail);
  }

  private static Arbitrary<HoursRule> randomRules() {
    Arbitrary<Optional<DailyHours>> day =
        Combinators.combine(
                Arbitraries.integers().between(0, 1439),
                Arbitraries.integers().between(1, 1440),
                Arbitraries.integers().between(0, 4))
            .as(
                (start, length, closed) ->
                    closed == 0
                        ? Optional.<DailyHours>empty()
                        : Optional.of(new DailyHours(start, Math.min(1440, start + length))));
    return day.list()
        .ofSize(7)
        .map(
            days -> {
              Map<DayOfWeek, DailyHours> hours = new EnumMap<>(DayOfWeek.class);
              for (int i = 0; i < 7; i++) {
                DayOfWeek d = DayOfWeek.of(i + 1);
                days.get(i).ifPresent(h -> hours.put(d, h));
              }
              return new HoursRule("XX", hours, List.of("random rule for the property"));
            });
  }

  /** libphonenumber's example numbers of 20 regions and a number in every +1 area code. */
  private static List<Long> seedNumbers() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    List<Long> seeds = new ArrayList<>();
    List<String> regions =
        List.of(
            "US", "CA", "BR", "RU", "AU", "IN", "GB", "MX", "ID", "KZ", "AR", "CL", "NZ", "CD",
            "FR", "DE", "ES", "PT", "CN", "GL");
    List<PhoneNumberType> types =
        List.of(
            PhoneNumberType.FIXED_LINE,
            PhoneNumberType.MOBILE,
            PhoneNumberType.TOLL_FREE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);
    for (String region : regions) {
      for (PhoneNumberType type : types) {
        PhoneNumber example = util.getExampleNumberForType(region, type);
        if (example != null) {
          seeds.add(Long.parseLong(example.getCountryCode() + "" + example.getNationalNumber()));
        }
      }
    }
    for (int area = 201; area <= 989; area++) {
      seeds.add(Long.parseLong("1" + area + "2345678"));
    }
    seeds.add(12085550123L); // Idaho: Boise and Los Angeles
    return List.copyOf(seeds);
  }
}
