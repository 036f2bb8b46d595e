package dev.outdial.store.internal;

import dev.outdial.engine.CallStatus;
import dev.outdial.engine.CampaignStatus;
import dev.outdial.engine.EndedReason;
import dev.outdial.engine.InvalidRecipient;
import dev.outdial.engine.TimezoneSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * How values are spelled in columns. An instant is two columns, {@code <name>_s} (epoch second,
 * BIGINT) and {@code <name>_n} (nanosecond of the second, INTEGER), both null for none: exact to
 * the nanosecond over the whole range of {@link Instant}. Enums are their wire spelling; days a
 * list like {@code MON,TUE}; variables, invalid recipients and duplicate indexes JSON text.
 */
final class Columns {
  private static final Map<String, CampaignStatus> CAMPAIGN_STATUSES =
      byWire(CampaignStatus.values(), CampaignStatus::wire);
  private static final Map<String, CallStatus> CALL_STATUSES =
      byWire(CallStatus.values(), CallStatus::wire);
  private static final Map<String, EndedReason> ENDED_REASONS =
      byWire(EndedReason.values(), EndedReason::wire);
  private static final Map<String, TimezoneSource> ZONE_SOURCES =
      byWire(TimezoneSource.values(), TimezoneSource::wire);

  private Columns() {}

  private static <E> Map<String, E> byWire(
      E[] values, java.util.function.Function<E, String> wire) {
    Map<String, E> map = new HashMap<>();
    for (E value : values) {
      map.put(wire.apply(value), value);
    }
    return Map.copyOf(map);
  }

  static void setInstant(PreparedStatement statement, int index, @Nullable Instant at)
      throws SQLException {
    if (at == null) {
      statement.setNull(index, Types.BIGINT);
      statement.setNull(index + 1, Types.INTEGER);
    } else {
      statement.setLong(index, at.getEpochSecond());
      statement.setInt(index + 1, at.getNano());
    }
  }

  static @Nullable Instant instant(ResultSet row, int index) throws SQLException {
    long second = row.getLong(index);
    if (row.wasNull()) {
      return null;
    }
    return Instant.ofEpochSecond(second, row.getInt(index + 1));
  }

  static void setNullableString(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  static CampaignStatus campaignStatus(String wire) {
    return known(CAMPAIGN_STATUSES, wire, "campaign status");
  }

  static CallStatus callStatus(String wire) {
    return known(CALL_STATUSES, wire, "call status");
  }

  static @Nullable EndedReason endedReason(@Nullable String wire) {
    return wire == null ? null : known(ENDED_REASONS, wire, "ended reason");
  }

  static TimezoneSource zoneSource(String wire) {
    return known(ZONE_SOURCES, wire, "time zone source");
  }

  private static <E> E known(Map<String, E> values, String wire, String what) {
    E value = values.get(wire);
    if (value == null) {
      throw new IllegalArgumentException("stored " + what + " '" + wire + "' is unknown");
    }
    return value;
  }

  /** Like {@code no_answer,busy}: wire spellings in the enum's order. */
  static String reasons(Set<EndedReason> reasons) {
    StringJoiner joined = new StringJoiner(",");
    for (EndedReason reason : EnumSet.copyOf(reasons)) {
      joined.add(reason.wire());
    }
    return joined.toString();
  }

  static Set<EndedReason> reasons(String text) {
    Set<EndedReason> reasons = EnumSet.noneOf(EndedReason.class);
    for (String wire : text.split(",", -1)) {
      reasons.add(known(ENDED_REASONS, wire, "retry ended reason"));
    }
    return reasons;
  }

  /** Like {@code MON,TUE}, in week order. */
  static String days(Set<DayOfWeek> days) {
    StringJoiner joined = new StringJoiner(",");
    for (DayOfWeek day : EnumSet.copyOf(days)) {
      joined.add(day.name().substring(0, 3));
    }
    return joined.toString();
  }

  static Set<DayOfWeek> days(String text) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String name : text.split(",", -1)) {
      days.add(day(name));
    }
    return days;
  }

  private static DayOfWeek day(String shortName) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(shortName) && shortName.length() == 3) {
        return day;
      }
    }
    throw new IllegalArgumentException("stored window day '" + shortName + "' is unknown");
  }

  /** JSON object, or {@code null} for none (most recipients have none). */
  static @Nullable String variables(Map<String, String> variables) {
    return variables.isEmpty() ? null : Json.write(variables);
  }

  static Map<String, String> variables(@Nullable String json) {
    if (json == null) {
      return Map.of();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) requireNonNull(Json.read(json))).entrySet()) {
      variables.put((String) entry.getKey(), (String) entry.getValue());
    }
    return Collections.unmodifiableMap(variables);
  }

  /** JSON array of {@code {"index":3,"phone":"+44…","reason":"…"}}. */
  static String invalid(List<InvalidRecipient> invalid) {
    List<Map<String, @Nullable Object>> list = new ArrayList<>(invalid.size());
    for (InvalidRecipient recipient : invalid) {
      Map<String, @Nullable Object> object = new LinkedHashMap<>();
      object.put("index", recipient.index());
      object.put("phone", recipient.phone());
      object.put("reason", recipient.reason());
      list.add(object);
    }
    return Json.write(list);
  }

  static List<InvalidRecipient> invalid(String json) {
    List<InvalidRecipient> invalid = new ArrayList<>();
    for (Object item : (List<?>) requireNonNull(Json.read(json))) {
      Map<?, ?> object = (Map<?, ?>) item;
      invalid.add(
          new InvalidRecipient(
              Math.toIntExact((Long) requireNonNull(object.get("index"))),
              (String) object.get("phone"),
              (String) requireNonNull(object.get("reason"))));
    }
    return List.copyOf(invalid);
  }

  /** JSON array of integers. */
  static String indexes(List<Integer> indexes) {
    return Json.write(indexes);
  }

  static List<Integer> indexes(String json) {
    List<Integer> indexes = new ArrayList<>();
    for (Object item : (List<?>) requireNonNull(Json.read(json))) {
      indexes.add(Math.toIntExact((Long) requireNonNull(item)));
    }
    return List.copyOf(indexes);
  }

  private static Object requireNonNull(@Nullable Object value) {
    if (value == null) {
      throw new IllegalArgumentException("stored JSON holds null where a value is required");
    }
    return value;
  }
}
