package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.server.support.CallsEndOnTheirOwn;
import dev.outdial.server.support.ChildServer;
import dev.outdial.server.support.Json;
import dev.outdial.twilio.fake.FakeTwilio;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, acceptance 2: the server as a child JVM on SQLite, dialling the fake Twilio in this
 * JVM, killed with SIGKILL at random moments during its campaigns ten times and restarted on the
 * same file each time. Afterwards every campaign answered {@code 201} exists, every recipient has
 * exactly one call with an {@code ended_reason}, Twilio was asked to call no number twice, and it
 * never had more calls going than the key's {@code max_concurrent_calls}.
 *
 * <p>The fake ends each call on its own, 50–250 ms after it was created, with a random final
 * status, whether or not the server is up to hear the callback: a call that ended while the server
 * was down is found by the next start's reconciliation ({@code GET Calls/{Sid}}, or the look-up by
 * number when the sid was never recorded).
 */
class KilledServerDialsNobodyTwiceTest {
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-token-for-tests";
  private static final String MAIN = "dev.outdial.server.OutdialServerMain";
  private static final List<String> JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");
  private static final int MAX_CONCURRENT = 3;
  private static final int KILLS = 10;
  private static final List<String> ENDS = List.of("completed", "completed", "busy", "no-answer");

  private final long seed = new Random().nextLong();
  private final Random random = new Random(seed);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Campaigns answered 201: id to the phones sent. */
  private final Map<String, List<String>> created = new LinkedHashMap<>();

  private int nextPhone = 1;

  /** Calls in doubt the restarts reconciled, all together. */
  private int reconciled;

  private static final Pattern RECONCILED =
      Pattern.compile("(\\d+) call\\(s\\) in doubt reconciled");

  private static int reconciled(String log) {
    Matcher m = RECONCILED.matcher(log);
    if (!m.find()) {
      throw new AssertionError("no recovery line in the start-up log:\n" + log);
    }
    return Integer.parseInt(m.group(1));
  }

  @Test
  void killed_ten_times_mid_campaign_it_dials_each_recipient_once_within_the_key_limit(
      @TempDir Path dir) throws Exception {
    ScheduledExecutorService ender = Executors.newSingleThreadScheduledExecutor();
    try (FakeTwilio twilio = FakeTwilio.start(ACCOUNT, TOKEN)) {
      endCallsOnTheirOwn(twilio, ender, ENDS);
      String config = config(freePort(), twilio.baseUri());
      ChildServer server = ChildServer.start(dir, JVM, MAIN, config);
      try {
        for (int i = 0; i < 3; i++) {
          create(server, 30, false);
        }
        for (int kill = 1; kill <= KILLS; kill++) {
          int before = twilio.createRequests().size();
          awaitUntil(
              () -> twilio.createRequests().size() > before,
              Duration.ofSeconds(20),
              "a call placed since the start before kill " + kill,
              server);
          if (random.nextBoolean()) {
            create(server, 5, false); // answered 201, then perhaps killed at once
          }
          // The point of the test: a random moment, not a synchronisation.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)));
          assertEquals(137, server.kill(), "SIGKILL (seed " + seed + ")");
          server = ChildServer.restart(dir, JVM, MAIN, config, server);
          reconciled += reconciled(server.log());
        }
        ChildServer last = server;
        awaitUntil(
            () -> created.keySet().stream().allMatch(id -> completed(last, id)),
            Duration.ofSeconds(40),
            "every campaign completed",
            last);

        Set<String> called = new HashSet<>();
        for (Map.Entry<String, List<String>> campaign : created.entrySet()) {
          List<JsonNode> calls = calls(last, campaign.getKey());
          assertEquals(campaign.getValue().size(), calls.size(), campaign.getKey());
          Map<String, Integer> callsByPhone = new HashMap<>();
          for (JsonNode call : calls) {
            callsByPhone.merge(call.get("phone").asText(), 1, Integer::sum);
            assertEquals("ended", call.get("status").asText(), call.toString());
            assertTrue(
                call.hasNonNull("ended_reason") && !call.get("ended_reason").asText().isEmpty(),
                call.toString());
          }
          assertEquals(
              campaign.getValue().stream().collect(Collectors.toMap(p -> p, p -> 1)),
              callsByPhone,
              "each recipient exactly one call (seed " + seed + ")");
          called.addAll(callsByPhone.keySet());
        }
        Map<String, Long> createsByNumber =
            twilio.createRequests().stream()
                .collect(Collectors.groupingBy(r -> r.param("To"), Collectors.counting()));
        createsByNumber.forEach(
            (to, n) -> assertEquals(1L, n, to + " was called " + n + " times (seed " + seed + ")"));
        assertTrue(called.containsAll(createsByNumber.keySet()), "Twilio called only recipients");
        assertTrue(reconciled > 0, "no kill left a call in doubt: the test proved little");
        System.out.printf(
            "%d kills, %d campaigns, %d calls placed, %d calls in doubt reconciled, at most %d"
                + " going at once (seed %d)%n",
            KILLS,
            created.size(),
            twilio.createRequests().size(),
            reconciled,
            twilio.maxLiveCalls(),
            seed);
        assertTrue(
            twilio.maxLiveCalls() <= MAX_CONCURRENT,
            "Twilio had "
                + twilio.maxLiveCalls()
                + " calls going at once, over the key's "
                + MAX_CONCURRENT
                + " (seed "
                + seed
                + ")");
      } finally {
        server.kill();
      }
    } finally {
      ender.shutdownNow();
    }
  }

  /**
   * Issue 14 under the same kills: campaigns that retry a busy or unanswered call once, a minute
   * after it ended, killed while first attempts and while retries are under way. Every attempt is
   * created at Twilio at most once (by its call id), no recipient gets more than its two attempts,
   * a retry starts no sooner than a minute after the end the server recorded, and every campaign
   * completes.
   */
  @Test
  void killed_while_retrying_it_creates_each_attempt_once_and_no_sooner_than_its_delay(
      @TempDir Path dir) throws Exception {
    ScheduledExecutorService ender = Executors.newSingleThreadScheduledExecutor();
    try (FakeTwilio twilio = FakeTwilio.start(ACCOUNT, TOKEN)) {
      endCallsOnTheirOwn(twilio, ender, List.of("busy", "no-answer", "completed"));
      String config = config(freePort(), twilio.baseUri());
      ChildServer server = ChildServer.start(dir, JVM, MAIN, config);
      try {
        create(server, 12, true);
        create(server, 12, true);
        int firsts = 24;
        for (int kill = 1; kill <= 6; kill++) {
          int before = twilio.createRequests().size();
          // Three kills among first attempts, three once the retries (a minute later) began.
          int atLeast = kill <= 3 ? before + 1 : Math.max(before + 1, firsts + 1);
          awaitUntil(
              () -> twilio.createRequests().size() >= atLeast,
              Duration.ofSeconds(150),
              "a call placed before kill " + kill,
              server);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)));
          assertEquals(137, server.kill(), "SIGKILL (seed " + seed + ")");
          server = ChildServer.restart(dir, JVM, MAIN, config, server);
          reconciled += reconciled(server.log());
        }
        ChildServer last = server;
        awaitUntil(
            () -> created.keySet().stream().allMatch(id -> completed(last, id)),
            Duration.ofSeconds(150),
            "every campaign completed",
            last);

        Map<String, Long> createsById =
            twilio.createRequests().stream()
                .collect(
                    Collectors.groupingBy(
                        r -> r.param("StatusCallback").replaceAll(".*call_id=", ""),
                        Collectors.counting()));
        createsById.forEach(
            (id, n) ->
                assertEquals(1L, n, id + " was created " + n + " times (seed " + seed + ")"));
        Set<String> listed = new HashSet<>();
        int retried = 0;
        for (Map.Entry<String, List<String>> campaign : created.entrySet()) {
          Map<String, List<JsonNode>> byPhone = new HashMap<>();
          for (JsonNode call : calls(last, campaign.getKey())) {
            assertEquals("ended", call.get("status").asText(), call.toString());
            listed.add(call.get("call_id").asText());
            byPhone.computeIfAbsent(call.get("phone").asText(), p -> new ArrayList<>()).add(call);
          }
          assertEquals(Set.copyOf(campaign.getValue()), byPhone.keySet(), campaign.getKey());
          for (List<JsonNode> attempts : byPhone.values()) {
            assertTrue(attempts.size() <= 2, "more than two attempts: " + attempts);
            for (int i = 0; i < attempts.size(); i++) {
              assertEquals(i + 1, attempts.get(i).get("attempt").asInt(), attempts.toString());
            }
            if (attempts.size() == 2) {
              retried++;
              Instant firstEnded = Instant.parse(attempts.get(0).get("ended_at").asText());
              JsonNode second = attempts.get(1);
              if (second.hasNonNull("started_at")) {
                Instant secondStarted = Instant.parse(second.get("started_at").asText());
                assertFalse(
                    secondStarted.isBefore(firstEnded.plusSeconds(60)),
                    "a retry inside its minute (seed " + seed + "): " + attempts);
              }
            }
          }
        }
        assertTrue(listed.containsAll(createsById.keySet()), "Twilio created only listed calls");
        assertTrue(retried > 0, "no recipient was tried again: the test proved little");
        assertTrue(
            twilio.maxLiveCalls() <= MAX_CONCURRENT,
            "Twilio had " + twilio.maxLiveCalls() + " calls going at once (seed " + seed + ")");
        System.out.printf(
            "retries: %d calls created, %d recipients tried again, %d calls in doubt reconciled"
                + " (seed %d)%n",
            twilio.createRequests().size(), retried, reconciled, seed);
      } finally {
        server.kill();
      }
    } finally {
      ender.shutdownNow();
    }
  }

  /** Ends each live call 50–250 ms after its creation, posting a final status from {@code ends}. */
  private void endCallsOnTheirOwn(
      FakeTwilio twilio, ScheduledExecutorService ender, List<String> ends) {
    CallsEndOnTheirOwn.start(twilio, ender, seed, 50, 200, ends);
  }

  private static String config(int port, String twilioBase) {
    return """
        {
          "listen": {"host": "127.0.0.1", "port": %d},
          "agents": [{"agent_id": "agent_125207e452f8714a", "timezone": "Europe/London",
                      "outbound_numbers": ["+447446466847"]}],
          "api_keys": [{"key_id": "KEY_ID", "secret_sha256": "KEY_SHA256"}],
          "api_keys_file": "keys.json",
          "default_limits": {"max_concurrent_calls": %d, "calls_per_second": 50, "burst": 5},
          "store": {"type": "sqlite", "file": "outdial.db"},
          "twilio": {"account_sid": "%s", "auth_token": "%s", "api_base_uri": "%s",
                     "twiml_url": "https://agent.example.com/twiml", "calls_per_second": 50,
                     "allow_private_callback_url": true}
        }
        """
        .formatted(port, MAX_CONCURRENT, ACCOUNT, TOKEN, twilioBase);
  }

  /** A port free now, kept by the child across its restarts (Twilio's callback URLs name it). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void create(ChildServer server, int recipients, boolean retry) throws Exception {
    List<String> phones = new ArrayList<>();
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < recipients; i++) {
      String phone = String.format("+4471110%05d", nextPhone++);
      phones.add(phone);
      list.append(i == 0 ? "" : ", ").append("{\"phone\": \"").append(phone).append("\"}");
    }
    String body =
        "{\"agent_id\": \"agent_125207e452f8714a\", \"prompt\": \"p\", \"schedule_type\":"
            + " \"now\", \"recipients\": ["
            + list
            + "]"
            + (retry
                ? ", \"retry\": {\"on\": [\"busy\", \"no_answer\"], \"max_attempts\": 2,"
                    + " \"min_delay_minutes\": 1}"
                : "")
            + "}";
    HttpResponse<String> answer =
        send(
            server,
            HttpRequest.newBuilder(server.uri("/v1/calls/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(201, answer.statusCode(), answer.body());
    created.put(Json.of(answer).get("campaign_id").asText(), phones);
  }

  private boolean completed(ChildServer server, String id) {
    HttpResponse<String> answer =
        send(server, HttpRequest.newBuilder(server.uri("/v1/calls/batch/" + id)).GET());
    assertEquals(200, answer.statusCode(), "campaign " + id + " answered 201 exists");
    return Json.of(answer).get("status").asText().equals("completed");
  }

  private List<JsonNode> calls(ChildServer server, String id) {
    List<JsonNode> calls = new ArrayList<>();
    int offset = 0;
    while (true) {
      HttpResponse<String> answer =
          send(
              server,
              HttpRequest.newBuilder(
                      server.uri(
                          "/v1/calls/batch/" + id + "/calls?offset=" + offset + "&limit=100"))
                  .GET());
      assertEquals(200, answer.statusCode(), answer.body());
      JsonNode page = Json.of(answer);
      page.get("calls").forEach(calls::add);
      if (page.get("next_offset").isNull()) {
        return calls;
      }
      offset = page.get("next_offset").asInt();
    }
  }

  private HttpResponse<String> send(ChildServer server, HttpRequest.Builder request) {
    try {
      return client.send(
          request
              .header("Authorization", "Bearer " + server.key.token())
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("the server did not answer:\n" + server.log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitUntil(
      BooleanSupplier condition, Duration limit, String what, ChildServer server) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(
          System.nanoTime() - deadline < 0,
          "no " + what + " within " + limit + " (seed " + seed + "):\n" + server.log());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // between looks
    }
  }
}
