package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.BatchCampaignRequest;
import dev.outdial.engine.Problem;
import dev.outdial.engine.Recipient;
import dev.outdial.engine.RetryPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps the seed's JSON body onto {@link BatchCampaignRequest}, one field to one component, and
 * lists every shape problem on the way: unknown fields and values of the wrong JSON type. Values
 * that are merely wrong (a bad date, an unknown zone) are the engine's to judge.
 *
 * <p>Where a value has the wrong type, the request holds a stand-in that is present but judged by
 * no later check (the value's JSON text, or a neutral value), so that the engine's {@code check}
 * can still tell which required fields are truly missing. Such a request is only ever checked,
 * never created.
 */
final class CreateRequestReader {
  private static final Set<String> FIELDS =
      Set.of(
          "agent_id",
          "prompt",
          "name",
          "from_number",
          "recipients",
          "skip_invalid",
          "schedule_type",
          "scheduled_date",
          "window_start_minutes",
          "window_end_minutes",
          "window_days",
          "timezone",
          "recipient_local_hours",
          "expires_at",
          "retry");
  private static final Set<String> RECIPIENT_FIELDS =
      Set.of("phone", "variables", "prompt_override");
  private static final Set<String> RETRY_FIELDS = Set.of("on", "max_attempts", "min_delay_minutes");
  private static final String ATTEMPTS_RANGE = "2.." + RetryPolicy.MAX_ATTEMPTS;
  private static final String DELAY_RANGE = "1.." + RetryPolicy.MAX_DELAY.toMinutes() + ", a week";
  private static final String RETRY_EXAMPLE =
      "{\"on\": [\"no_answer\", \"busy\"], \"max_attempts\": 3, \"min_delay_minutes\": 60}";

  /** The request and every shape problem found (top-level fields first, then recipients). */
  record Read(BatchCampaignRequest request, List<Problem> problems) {}

  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> fieldsWithProblems = new HashSet<>();

  private CreateRequestReader() {}

  static Read read(JsonNode root) {
    if (!root.isObject()) {
      throw new ApiError(
          400, "invalid_json", "the request body must be a JSON object, not " + Json.kind(root));
    }
    CreateRequestReader reader = new CreateRequestReader();
    BatchCampaignRequest request = reader.request(root);
    return new Read(request, List.copyOf(reader.problems));
  }

  private BatchCampaignRequest request(JsonNode root) {
    unknownFields(root, FIELDS, "");
    Integer start = minutes(root, "window_start_minutes");
    Integer end = minutes(root, "window_end_minutes");
    boolean windowBroken = problemAt("window_start_minutes") || problemAt("window_end_minutes");
    return new BatchCampaignRequest(
        text(root, "agent_id"),
        text(root, "prompt"),
        text(root, "name"),
        text(root, "from_number"),
        recipients(root.get("recipients")),
        bool(root, "skip_invalid"),
        text(root, "schedule_type"),
        text(root, "scheduled_date"),
        windowBroken ? null : start,
        windowBroken ? null : end,
        days(root.get("window_days")),
        text(root, "timezone"),
        text(root, "recipient_local_hours"),
        text(root, "expires_at"),
        retry(root.get("retry")));
  }

  private void unknownFields(JsonNode object, Set<String> known, String prefix) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        String field = prefix + Quoted.cut(name);
        add(
            new Problem(
                field, index(prefix), null, "unknown_field", "unknown field '" + field + "'"));
      }
    }
  }

  private @Nullable String text(JsonNode object, String field) {
    return text(object.get(field), field, null);
  }

  private @Nullable String text(@Nullable JsonNode value, String field, @Nullable Integer index) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    wrongType(field, index, value, "a string");
    return value.toString();
  }

  private boolean bool(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    wrongType(field, null, value, "true or false");
    return false;
  }

  /**
   * Minutes as any JSON number with a whole value: {@code 540}, {@code 540.0} and {@code 5.4e2} are
   * all 540; {@code 540.5} is refused as {@code not_whole}.
   */
  private @Nullable Integer minutes(JsonNode object, String field) {
    return whole(object.get(field), field, "minutes", "minutes of the day");
  }

  /**
   * A count of {@code unit} as any JSON number with a whole value, under the same rule as the
   * window's minutes; {@code range} says what an out-of-range value is out of.
   */
  private @Nullable Integer whole(
      @Nullable JsonNode value, String field, String unit, String range) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      wrongType(field, null, value, "a whole number of " + unit);
      return null;
    }
    BigDecimal exact = value.decimalValue();
    if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
      add(
          new Problem(
              field,
              null,
              shortText(value),
              "not_whole",
              field + " " + shortText(value) + " must be a whole number of " + unit));
      return null;
    }
    try {
      return exact.intValueExact();
    } catch (ArithmeticException e) {
      add(
          new Problem(
              field,
              null,
              shortText(value),
              "out_of_range",
              field + " " + shortText(value) + " is out of range (" + range + ")"));
      return null;
    }
  }

  /**
   * The {@code retry} object (not in the seed). A member of the wrong type is held as absent: the
   * engine's "missing" problem for it is then covered by the shape problem, which is answered.
   */
  private BatchCampaignRequest.@Nullable Retry retry(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      wrongType("retry", null, value, "an object such as " + RETRY_EXAMPLE);
      return null;
    }
    unknownFields(value, RETRY_FIELDS, "retry.");
    return new BatchCampaignRequest.Retry(
        reasons(value.get("on")),
        whole(value.get("max_attempts"), "retry.max_attempts", "attempts", ATTEMPTS_RANGE),
        whole(value.get("min_delay_minutes"), "retry.min_delay_minutes", "minutes", DELAY_RANGE));
  }

  private @Nullable List<@Nullable String> reasons(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      wrongType("retry.on", null, value, "an array of ended reasons such as [\"no_answer\"]");
      return null;
    }
    List<@Nullable String> reasons = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode reason = value.get(i);
      if (reason.isTextual()) {
        reasons.add(reason.textValue());
      } else {
        if (!reason.isNull()) { // a null entry is the engine's to answer precisely
          wrongType("retry.on[" + i + "]", null, reason, "an ended reason such as \"no_answer\"");
        }
        reasons.add(null);
      }
    }
    return reasons;
  }

  private @Nullable List<String> days(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      wrongType("window_days", null, value, "an array of day names");
      return null;
    }
    List<String> days = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode day = value.get(i);
      if (day.isNull()) {
        days.add(null); // the engine answers a null entry precisely
      } else if (day.isTextual()) {
        days.add(day.textValue());
      } else {
        wrongType("window_days[" + i + "]", null, day, "a day name such as \"mon\"");
        days.add("mon");
      }
    }
    return days;
  }

  private @Nullable List<Recipient> recipients(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      wrongType("recipients", null, value, "an array of recipient objects");
      return List.of(new Recipient(null, Map.of(), null));
    }
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode entry = value.get(i);
      if (entry.isNull()) {
        recipients.add(null); // the engine answers a null entry precisely
      } else if (entry.isObject()) {
        recipients.add(recipient(entry, i));
      } else {
        wrongType("recipients[" + i + "]", i, entry, "a recipient object");
        recipients.add(new Recipient(null, Map.of(), null));
      }
    }
    return recipients;
  }

  private Recipient recipient(JsonNode entry, int i) {
    String prefix = "recipients[" + i + "].";
    unknownFields(entry, RECIPIENT_FIELDS, prefix);
    String phone = text(entry.get("phone"), prefix + "phone", i);
    String override = text(entry.get("prompt_override"), prefix + "prompt_override", i);
    return new Recipient(
        problemAt(prefix + "phone") ? null : phone,
        variables(entry.get("variables"), prefix + "variables", i),
        problemAt(prefix + "prompt_override") ? null : override);
  }

  /**
   * Variables are context text for the agent: strings as they are, numbers and booleans as their
   * JSON text ({@code 42}, {@code true}); null, arrays and objects are refused.
   */
  private Map<String, String> variables(@Nullable JsonNode value, String field, int i) {
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      wrongType(field, i, value, "an object of names to values");
      return Map.of();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    value
        .properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (v.isTextual()) {
                variables.put(e.getKey(), v.textValue());
              } else if (v.isNumber() || v.isBoolean()) {
                variables.put(e.getKey(), v.asText());
              } else {
                wrongType(
                    field + "." + Quoted.cut(e.getKey()), i, v, "a string, number or boolean");
              }
            });
    return variables;
  }

  private void wrongType(String field, @Nullable Integer index, JsonNode value, String expected) {
    add(
        new Problem(
            field,
            index,
            shortText(value),
            "wrong_type",
            field + " must be " + expected + ", not " + Json.kind(value)));
  }

  private boolean problemAt(String field) {
    return fieldsWithProblems.contains(field);
  }

  private void add(Problem problem) {
    problems.add(problem);
    fieldsWithProblems.add(problem.field());
  }

  private static @Nullable Integer index(String prefix) {
    if (!prefix.startsWith("recipients[")) {
      return null;
    }
    return Integer.valueOf(prefix.substring("recipients[".length(), prefix.indexOf(']')));
  }

  private static String shortText(JsonNode value) {
    return Quoted.cut(value.isTextual() ? value.textValue() : value.toString());
  }
}
