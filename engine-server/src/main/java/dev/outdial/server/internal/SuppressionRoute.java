package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.engine.PhoneCheck;
import dev.outdial.server.ApiRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The suppression routes of one key's list: {@code PUT} and {@code DELETE /v1/suppression/{phone}},
 * {@code GET /v1/suppression?offset=&limit=}, and the bulk add {@code POST /v1/suppression} with
 * {@code {"phones": [...]}}. Phones are checked as recipients' are and kept in E.164; a bulk add
 * with any bad phone adds nothing.
 */
final class SuppressionRoute {
  /** Most phones in one bulk add. */
  static final int MAX_BULK_PHONES = 10_000;

  /**
   * Largest bulk body, whatever {@code http.max_body_bytes} is: 10,000 phones take about 170 KB
   * compact; this leaves room for spacing. Bulk bodies are admitted like creates ({@link
   * BodyAdmission}).
   */
  static final long MAX_BULK_BODY_BYTES = 1L << 20;

  private final SuppressionLists lists;

  SuppressionRoute(SuppressionLists lists) {
    this.lists = lists;
  }

  /** A {@code PUT}: {@code 201} when the number was added, {@code 200} when it was there. */
  Answer add(String keyId, String rawPhone) {
    String phone = e164(rawPhone);
    boolean added = lists.add(keyId, List.of(phone)) == 1;
    ObjectNode json = Json.object();
    json.put("phone", phone);
    json.put("suppressed", true);
    json.put("added", added);
    return new Answer(added ? 201 : 200, json);
  }

  /** A {@code DELETE}: {@code 200} whether or not the number was on the list. */
  Answer remove(String keyId, String rawPhone) {
    String phone = e164(rawPhone);
    boolean removed = lists.remove(keyId, phone);
    ObjectNode json = Json.object();
    json.put("phone", phone);
    json.put("suppressed", false);
    json.put("removed", removed);
    return new Answer(200, json);
  }

  /** A {@code GET}: a page of the list in text order. */
  Answer list(String keyId, ApiRequest request) {
    PageQuery query = PageQuery.parse(request.query());
    SuppressionLists.Page page = lists.page(keyId, query.offset(), query.limit());
    ObjectNode json = Json.object();
    json.put("offset", query.offset());
    json.put("limit", query.limit());
    json.put("total", page.total());
    int next = Math.min(query.offset(), page.total()) + page.phones().size();
    if (next < page.total()) {
      json.put("next_offset", next);
    } else {
      json.putNull("next_offset");
    }
    ArrayNode phones = json.putArray("phones");
    page.phones().forEach(phones::add);
    return new Answer(200, json);
  }

  /** A bulk add: every phone checked first; any bad one refuses them all. */
  Answer addAll(String keyId, ApiRequest request) {
    byte[] body =
        BoundedBody.read(request.body(), request.header("Content-Length"), MAX_BULK_BODY_BYTES);
    JsonNode json = Json.parse(body);
    if (!json.isObject()) {
      throw new ApiError(
          400,
          "invalid_json",
          "the request body is " + Json.kind(json) + "; a JSON object is expected");
    }
    Iterator<String> names = json.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("phones")) {
        throw new ApiError(
            400, "invalid_field", "unknown field '" + Quoted.cut(name) + "'; send only phones");
      }
    }
    JsonNode phones = json.get("phones");
    if (phones == null || phones.isNull()) {
      throw new ApiError(
          400, "missing_field", "phones is missing: a bulk add is {\"phones\": [\"+44...\", ...]}");
    }
    if (!phones.isArray()) {
      throw new ApiError(
          400, "invalid_field", "phones must be an array of strings, was " + Json.kind(phones));
    }
    if (phones.isEmpty()) {
      throw new ApiError(400, "invalid_field", "phones is empty: send at least one number");
    }
    if (phones.size() > MAX_BULK_PHONES) {
      throw new ApiError(
          400,
          "invalid_field",
          "phones has "
              + phones.size()
              + " numbers, more than the "
              + MAX_BULK_PHONES
              + " one request may add: send them in several");
    }
    Set<String> checked = new LinkedHashSet<>();
    List<Bad> bad = new ArrayList<>();
    for (int i = 0; i < phones.size(); i++) {
      JsonNode phone = phones.get(i);
      if (!phone.isTextual()) {
        bad.add(
            new Bad(
                i, null, "wrong_type", "phones[" + i + "] is " + Json.kind(phone) + ", not text"));
        continue;
      }
      PhoneCheck check = PhoneCheck.of(phone.asText());
      if (check.e164() == null) {
        bad.add(new Bad(i, phone.asText(), check.reason(), sentence(i, phone.asText(), check)));
      } else {
        checked.add(check.e164());
      }
    }
    if (!bad.isEmpty()) {
      throw refusal(bad, "; nothing was added");
    }
    int added = lists.add(keyId, checked);
    ObjectNode answer = Json.object();
    answer.put("added", added);
    answer.put("already_suppressed", checked.size() - added);
    answer.put("duplicates", phones.size() - checked.size());
    answer.put("total", lists.size(keyId));
    return new Answer(200, answer);
  }

  /** What a route answers: a status and its JSON. */
  record Answer(int status, ObjectNode json) {}

  private record Bad(int index, @Nullable String phone, @Nullable String reason, String message) {}

  /** The phone of a path segment ({@code %2B44...} or {@code +44...}), checked, in E.164. */
  private static String e164(String rawPhone) {
    String phone;
    try {
      // A path keeps '+' literally; URLDecoder (made for forms) would read it as a space.
      phone = URLDecoder.decode(rawPhone.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "invalid_field", "the phone in the path is not properly %-encoded");
    }
    PhoneCheck check = PhoneCheck.of(phone);
    if (check.e164() == null) {
      String message = "phone " + sentence(phone, check);
      throw refusal(List.of(new Bad(0, phone, check.reason(), message)), "");
    }
    return check.e164();
  }

  private static String sentence(int index, String phone, PhoneCheck check) {
    return "phones[" + index + "] " + sentence(phone, check);
  }

  private static String sentence(String phone, PhoneCheck check) {
    return "'" + Quoted.cut(phone) + "' " + check.description();
  }

  private static ApiError refusal(List<Bad> bad, String outcome) {
    ArrayNode invalid = Json.MAPPER.createArrayNode();
    for (Bad b : bad.subList(0, Math.min(bad.size(), Refusals.LISTED_PROBLEMS))) {
      ObjectNode entry = invalid.addObject();
      entry.put("index", b.index());
      entry.put("phone", b.phone() == null ? null : Quoted.cut(b.phone()));
      entry.put("reason", b.reason());
      entry.put("message", b.message());
    }
    String message =
        bad.size() == 1
            ? bad.get(0).message() + outcome
            : bad.size()
                + " phones are not valid numbers, the first "
                + bad.get(0).message()
                + outcome;
    return new ApiError(
        400, "invalid_phone_format", null, message, new ApiError.Invalid(invalid, bad.size()));
  }
}
