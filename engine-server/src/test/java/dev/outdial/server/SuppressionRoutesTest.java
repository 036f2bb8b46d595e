package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.engine.testkit.MemoryStore;
import dev.outdial.engine.testkit.SettableClock;
import dev.outdial.server.support.Json;
import dev.outdial.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-key suppression list over HTTP: add, list, remove, bulk add, and their refusals. */
class SuppressionRoutesTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-10T12:00:00Z"));
  private final List<TestServer> servers = new ArrayList<>();

  private TestServer server() {
    TestServer t = TestServer.start(clock);
    servers.add(t);
    return t;
  }

  @AfterEach
  void close() {
    servers.forEach(TestServer::close);
  }

  static HttpResponse<String> put(TestServer t, String rawPhone) {
    return t.send(
        t.request("/v1/suppression/" + rawPhone)
            .header("Authorization", "Bearer " + t.keyA.token())
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static HttpResponse<String> delete(TestServer t, String rawPhone) {
    return t.send(
        t.request("/v1/suppression/" + rawPhone)
            .header("Authorization", "Bearer " + t.keyA.token())
            .DELETE()
            .build());
  }

  static HttpResponse<String> bulk(TestServer t, String json) {
    return t.post("/v1/suppression", t.keyA, json);
  }

  static List<String> listed(TestServer t, ApiKeys.GeneratedKey key) {
    HttpResponse<String> page = t.get("/v1/suppression?limit=1000", key);
    assertEquals(200, page.statusCode(), page.body());
    List<String> phones = new ArrayList<>();
    Json.of(page).get("phones").forEach(p -> phones.add(p.asText()));
    return phones;
  }

  @Test
  void a_number_is_added_once_in_e164_whatever_its_spelling_and_only_for_its_key() {
    TestServer t = server();
    HttpResponse<String> first = put(t, "%2B44%207111%20000001");
    HttpResponse<String> again = put(t, "+447111000001");

    assertEquals(201, first.statusCode(), first.body());
    assertEquals("+447111000001", Json.of(first).get("phone").asText());
    assertTrue(Json.of(first).get("added").asBoolean());
    assertEquals(200, again.statusCode(), again.body());
    assertFalse(Json.of(again).get("added").asBoolean());
    assertEquals(List.of("+447111000001"), listed(t, t.keyA));
    assertEquals(List.of(), listed(t, t.keyB), "another key's list is its own");
  }

  @Test
  void a_removed_number_leaves_the_list_and_removing_it_again_is_still_200() {
    TestServer t = server();
    put(t, "+447111000001");
    put(t, "+447111000002");

    HttpResponse<String> removed = delete(t, "%2B447111000001");
    HttpResponse<String> absent = delete(t, "+447111000001");

    assertEquals(200, removed.statusCode(), removed.body());
    assertTrue(Json.of(removed).get("removed").asBoolean());
    assertEquals(200, absent.statusCode(), absent.body());
    assertFalse(Json.of(absent).get("removed").asBoolean());
    assertEquals(List.of("+447111000002"), listed(t, t.keyA));
  }

  @Test
  void a_bad_phone_in_the_path_is_400_invalid_phone_format_naming_why() {
    TestServer t = server();
    HttpResponse<String> refused = put(t, "07111000001");

    assertEquals(400, refused.statusCode(), refused.body());
    JsonNode error = Json.of(refused);
    assertEquals("invalid_phone_format", error.get("error").asText());
    assertEquals("not_international", error.get("invalid").get(0).get("reason").asText());
    assertTrue(error.get("message").asText().contains("'07111000001'"), refused.body());
    assertEquals(List.of(), listed(t, t.keyA));
  }

  @Test
  void the_list_is_sorted_and_paged_like_the_calls_list() {
    TestServer t = server();
    bulk(t, "{\"phones\": [\"+447111000003\", \"+447111000001\", \"+447111000002\"]}");

    JsonNode first = Json.of(t.get("/v1/suppression?limit=2", t.keyA));
    JsonNode second = Json.of(t.get("/v1/suppression?offset=2&limit=2", t.keyA));

    assertEquals(3, first.get("total").asInt());
    assertEquals("+447111000001", first.get("phones").get(0).asText());
    assertEquals("+447111000002", first.get("phones").get(1).asText());
    assertEquals(2, first.get("next_offset").asInt());
    assertEquals("+447111000003", second.get("phones").get(0).asText());
    assertTrue(second.get("next_offset").isNull());
    assertEquals(400, t.get("/v1/suppression?limit=0", t.keyA).statusCode());
  }

  @Test
  void a_bulk_add_counts_new_known_and_repeated_numbers() {
    TestServer t = server();
    put(t, "+447111000001");

    HttpResponse<String> added =
        bulk(
            t,
            "{\"phones\": [\"+447111000001\", \"+44 7111 000002\", \"+447111000002\","
                + " \"+447111000003\"]}");

    assertEquals(200, added.statusCode(), added.body());
    JsonNode answer = Json.of(added);
    assertEquals(2, answer.get("added").asInt());
    assertEquals(1, answer.get("already_suppressed").asInt());
    assertEquals(1, answer.get("duplicates").asInt());
    assertEquals(3, answer.get("total").asInt());
    assertEquals(List.of("+447111000001", "+447111000002", "+447111000003"), listed(t, t.keyA));
  }

  @Test
  void a_bulk_add_with_any_bad_phone_adds_nothing_and_lists_each_bad_one_by_index() {
    TestServer t = server();
    HttpResponse<String> refused =
        bulk(t, "{\"phones\": [\"+447111000001\", \"07111\", 44, \"+44abc\"]}");

    assertEquals(400, refused.statusCode(), refused.body());
    JsonNode error = Json.of(refused);
    assertEquals("invalid_phone_format", error.get("error").asText());
    assertEquals(3, error.get("invalid_count").asInt());
    JsonNode invalid = error.get("invalid");
    assertEquals(1, invalid.get(0).get("index").asInt());
    assertEquals("not_international", invalid.get(0).get("reason").asText());
    assertEquals(2, invalid.get(1).get("index").asInt());
    assertEquals("wrong_type", invalid.get(1).get("reason").asText());
    assertEquals(3, invalid.get(2).get("index").asInt());
    assertEquals("invalid_characters", invalid.get(2).get("reason").asText());
    assertTrue(error.get("message").asText().contains("nothing was added"), refused.body());
    assertEquals(List.of(), listed(t, t.keyA));
  }

  @Test
  void a_bulk_add_of_the_wrong_shape_is_refused_naming_what_is_wrong() {
    TestServer t = server();
    assertRefused(bulk(t, "{}"), "missing_field", "phones is missing");
    assertRefused(bulk(t, "{\"phones\": \"+447111000001\"}"), "invalid_field", "a string");
    assertRefused(bulk(t, "{\"phones\": []}"), "invalid_field", "empty");
    assertRefused(bulk(t, "{\"phones\": [], \"colour\": 1}"), "invalid_field", "'colour'");
    assertRefused(bulk(t, "[1]"), "invalid_json", "an array");
    String tooMany =
        IntStream.range(0, 10_001)
            .mapToObj(i -> "\"+4471110" + String.format("%05d", i % 100_000) + "\"")
            .collect(Collectors.joining(",", "{\"phones\": [", "]}"));
    assertRefused(bulk(t, tooMany), "invalid_field", "10001 numbers");
    assertEquals(List.of(), listed(t, t.keyA));
  }

  @Test
  void ten_thousand_numbers_are_added_in_one_bulk() {
    TestServer t = server();
    String phones =
        IntStream.range(0, 10_000)
            .mapToObj(i -> "\"+4471110" + String.format("%05d", i) + "\"")
            .collect(Collectors.joining(",", "{\"phones\": [", "]}"));
    HttpResponse<String> added = bulk(t, phones);
    assertEquals(200, added.statusCode(), added.body());
    assertEquals(10_000, Json.of(added).get("added").asInt());
  }

  @Test
  void the_routes_need_a_key_and_their_own_methods() {
    TestServer t = server();
    HttpResponse<String> anonymous = t.send(t.request("/v1/suppression").GET().build());
    HttpResponse<String> wrongMethod = t.post("/v1/suppression/+447111000001", t.keyA);
    HttpResponse<String> wrongOnList =
        t.send(
            t.request("/v1/suppression")
                .header("Authorization", "Bearer " + t.keyA.token())
                .DELETE()
                .build());

    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals(405, wrongMethod.statusCode(), wrongMethod.body());
    assertEquals("PUT, DELETE", wrongMethod.headers().firstValue("Allow").orElseThrow());
    assertEquals(405, wrongOnList.statusCode(), wrongOnList.body());
    assertEquals("GET, POST", wrongOnList.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void a_failing_store_is_503_and_the_list_is_left_as_it_was() {
    MemoryStore store = new MemoryStore();
    TestServer t = TestServer.onStore(clock, store, null);
    servers.add(t);
    put(t, "+447111000001");
    store.cutOff();

    HttpResponse<String> add = put(t, "+447111000002");
    HttpResponse<String> remove = delete(t, "+447111000001");
    HttpResponse<String> addAll = bulk(t, "{\"phones\": [\"+447111000003\"]}");

    for (HttpResponse<String> refused : List.of(add, remove, addAll)) {
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("store_unavailable", Json.of(refused).get("error").asText());
      assertEquals("5", refused.headers().firstValue("Retry-After").orElseThrow());
    }
    store.heal();
    assertEquals(List.of("+447111000001"), listed(t, t.keyA));
  }

  private static void assertRefused(HttpResponse<String> response, String code, String words) {
    assertEquals(400, response.statusCode(), response.body());
    JsonNode error = Json.of(response);
    assertEquals(code, error.get("error").asText(), response.body());
    assertTrue(error.get("message").asText().contains(words), response.body());
    assertTrue(response.body().getBytes(StandardCharsets.UTF_8).length < 2000, "a short answer");
  }
}
