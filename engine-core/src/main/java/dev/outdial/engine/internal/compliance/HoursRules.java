package dev.outdial.engine.internal.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rule table: allowed local hours per jurisdiction, read from a versioned text resource (the
 * bundled one is {@code hours-v2.rules} beside this class; its format is described at its top and
 * in docs/compliance.md). Immutable and thread-safe.
 *
 * <p>The rule for a number is the strictest that applies: the country's rule, narrowed by its
 * subdivision's rule when the table has one ({@code US} and {@code US-WA} give {@code US+US-WA}). A
 * jurisdiction whose country has no rule (and whose subdivision has none) has no rule: the guard
 * does not restrict it.
 */
public final class HoursRules {

  /** The bundled table's resource name; the version is part of the name. */
  public static final String BUNDLED = "hours-v2.rules";

  private final String version;
  private final Map<String, HoursRule> byKey;
  private final Map<Jurisdiction, Optional<HoursRule>> resolved = new ConcurrentHashMap<>();

  private HoursRules(String version, Map<String, HoursRule> byKey) {
    this.version = version;
    this.byKey = byKey;
  }

  /** The table shipped with the engine ({@value #BUNDLED}). */
  public static HoursRules bundled() {
    return Bundled.RULES;
  }

  private static final class Bundled {
    static final HoursRules RULES = load(BUNDLED);
  }

  /**
   * Reads a table from a resource beside this class.
   *
   * @throws IllegalArgumentException if it is missing or a line is malformed
   */
  public static HoursRules load(String resource) {
    InputStream in = HoursRules.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("hours rules resource '" + resource + "' not found");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(resource.replaceFirst("\\.rules$", ""), reader);
    } catch (IOException e) {
      throw new UncheckedIOException("reading hours rules " + resource, e);
    }
  }

  /**
   * Parses a table. Lines are {@code KEY | DAYS HH:MM-HH:MM[, DAYS HH:MM-HH:MM ...] | citation};
   * blank lines and lines starting with {@code #} are skipped.
   *
   * @param version what {@link #version()} answers, e.g. {@code hours-v2}
   * @throws IllegalArgumentException naming the line and the text that is wrong
   */
  public static HoursRules parse(String version, Reader text) throws IOException {
    Map<String, HoursRule> rules = new TreeMap<>();
    BufferedReader lines = new BufferedReader(text);
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        HoursRule rule = parseRule(trimmed);
        if (rules.putIfAbsent(rule.name(), rule) != null) {
          throw new IllegalArgumentException("jurisdiction " + rule.name() + " appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            version + " line " + number + " '" + trimmed + "': " + e.getMessage(), e);
      }
    }
    return new HoursRules(version, Map.copyOf(rules));
  }

  private static HoursRule parseRule(String line) {
    String[] fields = line.split("\\|", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException("expected 'KEY | HOURS | citation', 3 fields");
    }
    String key = fields[0].strip();
    if (!key.matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
      throw new IllegalArgumentException("key '" + key + "' is not like US or US-WA");
    }
    EnumMap<DayOfWeek, DailyHours> hours = new EnumMap<>(DayOfWeek.class);
    for (String part : fields[1].split(",")) {
      String[] daysAndTimes = part.strip().split("\\s+");
      if (daysAndTimes.length != 2) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not 'DAYS HH:MM-HH:MM'");
      }
      DailyHours daily = parseTimes(daysAndTimes[1]);
      for (DayOfWeek day : parseDays(daysAndTimes[0])) {
        if (hours.put(day, daily) != null) {
          throw new IllegalArgumentException(day + " has hours twice");
        }
      }
    }
    String citation = fields[2].strip();
    if (citation.isEmpty()) {
      throw new IllegalArgumentException("no citation");
    }
    return new HoursRule(key, hours, List.of(citation));
  }

  private static List<DayOfWeek> parseDays(String text) {
    String[] range = text.split("-");
    if (range.length == 2) {
      DayOfWeek from = day(range[0]);
      DayOfWeek to = day(range[1]);
      if (to.compareTo(from) < 0) {
        throw new IllegalArgumentException("day range '" + text + "' runs backwards");
      }
      return java.util.stream.Stream.of(DayOfWeek.values())
          .filter(d -> d.compareTo(from) >= 0 && d.compareTo(to) <= 0)
          .toList();
    }
    return java.util.stream.Stream.of(text.split("\\+")).map(HoursRules::day).toList();
  }

  private static DayOfWeek day(String text) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().substring(0, 3).equals(text.toUpperCase(Locale.ROOT))) {
        return day;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a day (mon..sun)");
  }

  private static DailyHours parseTimes(String text) {
    String[] ends = text.split("-");
    if (ends.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not HH:MM-HH:MM");
    }
    return new DailyHours(minute(ends[0]), minute(ends[1]));
  }

  private static int minute(String text) {
    if (!text.matches("\\d\\d:\\d\\d")) {
      throw new IllegalArgumentException("'" + text + "' is not HH:MM");
    }
    int hour = Integer.parseInt(text.substring(0, 2));
    int minute = Integer.parseInt(text.substring(3));
    if (minute > 59 || hour * 60 + minute > DailyHours.MINUTES_PER_DAY) {
      throw new IllegalArgumentException("'" + text + "' is not a time from 00:00 to 24:00");
    }
    return hour * 60 + minute;
  }

  /** The table's version, e.g. {@code hours-v2}. */
  public String version() {
    return version;
  }

  /** The rules as written, by key ({@code US}, {@code US-WA}, ...). */
  public Map<String, HoursRule> rules() {
    return byKey;
  }

  /**
   * The strictest rule that applies in {@code jurisdiction}: the country's, narrowed by the
   * subdivision's when both exist; either alone when only one exists; empty when neither does.
   * Equal jurisdictions get the same instance.
   */
  public Optional<HoursRule> forJurisdiction(Jurisdiction jurisdiction) {
    return resolved.computeIfAbsent(jurisdiction, this::resolve);
  }

  private Optional<HoursRule> resolve(Jurisdiction jurisdiction) {
    HoursRule country = byKey.get(jurisdiction.country());
    HoursRule subdivision =
        jurisdiction.subdivision().isEmpty() ? null : byKey.get(jurisdiction.subdivisionKey());
    if (country != null && subdivision != null) {
      return Optional.of(country.strictest(subdivision));
    }
    return Optional.ofNullable(country != null ? country : subdivision);
  }
}
