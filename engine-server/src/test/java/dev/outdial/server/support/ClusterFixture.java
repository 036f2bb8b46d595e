package dev.outdial.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.server.ApiKeys;
import dev.outdial.twilio.fake.FakeTwilio;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A cluster for tests: a real PostgreSQL (embedded binaries), the fake Twilio in this JVM ending
 * each call on its own 100–400 ms after its creation, and server nodes as child JVMs on that
 * database, each its own port and callback URL. Every key calls from its own number (its own
 * agent), so that one key's concurrency can be counted at the fake.
 */
public final class ClusterFixture implements AutoCloseable {
  public static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-token-for-tests";
  private static final String MAIN = "dev.outdial.server.OutdialServerMain";
  private static final List<String> JVM = List.of("-Xmx160m", "-XX:TieredStopAtLevel=1");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** The lease every node is given: short, so a takeover fits in a test. */
  public static final int LEASE_SECONDS = 3;

  private final EmbeddedPostgres postgres;
  private final String database;
  private final Path dir;
  private final FakeTwilio twilio;
  private final ScheduledExecutorService ender = Executors.newSingleThreadScheduledExecutor();
  private final List<ApiKeys.GeneratedKey> keys = new ArrayList<>();
  private final int maxConcurrent;
  private final Map<String, ChildServer> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Random random;
  private int nextPhone = 1;
  private int accountRate = 50;

  private ClusterFixture(
      EmbeddedPostgres postgres, Path dir, int keyCount, int maxConcurrent, long seed) {
    this.postgres = postgres;
    this.dir = dir;
    this.maxConcurrent = maxConcurrent;
    this.random = new Random(seed);
    this.database = "cluster_" + DATABASES.incrementAndGet();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    for (int k = 0; k < keyCount; k++) {
      keys.add(ApiKeys.generate());
    }
    this.twilio = FakeTwilio.start(ACCOUNT, TOKEN);
    CallsEndOnTheirOwn.start(
        twilio, ender, seed, 100, 300, List.of("completed", "completed", "busy", "no-answer"));
  }

  /** A cluster of no node yet, with {@code keyCount} keys each allowed {@code maxConcurrent}. */
  public static ClusterFixture create(
      EmbeddedPostgres postgres, Path dir, int keyCount, int maxConcurrent, long seed) {
    return new ClusterFixture(postgres, dir, keyCount, maxConcurrent, seed);
  }

  public FakeTwilio twilio() {
    return twilio;
  }

  public List<ApiKeys.GeneratedKey> keys() {
    return keys;
  }

  /** The number key {@code k} calls from. */
  public static String from(int k) {
    return String.format("+4474464668%02d", k);
  }

  /**
   * The Twilio account's calls per second for nodes started from now on (default 50): low, creates
   * wait for their turn in the node's dialer.
   */
  public ClusterFixture accountRate(int callsPerSecond) {
    this.accountRate = callsPerSecond;
    return this;
  }

  /** Starts node {@code nodeId} (its own directory and port, kept across restarts). */
  public ChildServer start(String nodeId) {
    int port = ports.computeIfAbsent(nodeId, id -> freePort());
    Path nodeDir = dir.resolve(nodeId);
    try {
      Files.createDirectories(nodeDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChildServer node = ChildServer.start(nodeDir, JVM, MAIN, config(nodeId, port));
    nodes.put(nodeId, node);
    return node;
  }

  public ChildServer node(String nodeId) {
    return nodes.get(nodeId);
  }

  /** The nodes started, by id (some perhaps killed). */
  public Map<String, ChildServer> nodes() {
    return nodes;
  }

  private String config(String nodeId, int port) {
    StringBuilder agents = new StringBuilder();
    StringBuilder apiKeys = new StringBuilder();
    for (int k = 0; k < keys.size(); k++) {
      String sep = k == 0 ? "" : ",\n";
      agents
          .append(sep)
          .append(
              """
          {"agent_id": "agent_%016x", "timezone": "Europe/London",
           "outbound_numbers": ["%s"]}"""
                  .formatted(k + 1, from(k)));
      apiKeys
          .append(sep)
          .append(
              """
          {"key_id": "%s", "secret_sha256": "%s"}"""
                  .formatted(keys.get(k).keyId(), keys.get(k).stored().secretSha256()));
    }
    return """
        {
          "listen": {"host": "127.0.0.1", "port": %d},
          "agents": [%s],
          "api_keys": [%s],
          "api_keys_file": "keys.json",
          "default_limits": {"max_concurrent_calls": %d, "calls_per_second": 50, "burst": 5},
          "store": {"type": "postgres", "url": "%s", "user": "postgres", "password": "unused"},
          "cluster": {"node_id": "%s", "lease_seconds": %d, "relay_seconds": 20},
          "http": {"shutdown_grace_seconds": 2, "max_call_minutes": 1},
          "twilio": {"account_sid": "%s", "auth_token": "%s", "api_base_uri": "%s",
                     "twiml_url": "https://agent.example.com/twiml", "calls_per_second": %d,
                     "allow_private_callback_url": true}
        }
        """
        .formatted(
            port,
            agents,
            apiKeys,
            maxConcurrent,
            jdbcUrl(),
            nodeId,
            LEASE_SECONDS,
            ACCOUNT,
            TOKEN,
            twilio.baseUri(),
            accountRate);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }

  /** A create of {@code recipients} new numbers for key {@code k}, sent to {@code node}. */
  public Created create(ChildServer node, int k, int recipients) {
    List<String> phones = new ArrayList<>();
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < recipients; i++) {
      String phone = String.format("+4471110%05d", nextPhone++);
      phones.add(phone);
      list.append(i == 0 ? "" : ", ").append("{\"phone\": \"").append(phone).append("\"}");
    }
    String body =
        "{\"agent_id\": \"agent_%016x\", \"prompt\": \"p\", \"schedule_type\": \"now\","
                .formatted(k + 1)
            + " \"recipients\": ["
            + list
            + "]}";
    HttpResponse<String> answer =
        send(
            node,
            k,
            HttpRequest.newBuilder(node.uri("/v1/calls/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(201, answer.statusCode(), answer.body());
    return new Created(Json.of(answer).get("campaign_id").asText(), k, phones);
  }

  /** A campaign answered 201: its id, key and numbers. */
  public record Created(String id, int key, List<String> phones) {}

  /** The campaign as {@code node} answers it. */
  public JsonNode campaign(ChildServer node, Created campaign) {
    HttpResponse<String> answer =
        send(
            node,
            campaign.key(),
            HttpRequest.newBuilder(node.uri("/v1/calls/batch/" + campaign.id())).GET());
    assertEquals(200, answer.statusCode(), "campaign " + campaign.id() + ": " + answer.body());
    return Json.of(answer);
  }

  /** An action ({@code pause}, {@code resume}, {@code cancel}) sent to {@code node}. */
  public HttpResponse<String> action(ChildServer node, Created campaign, String action) {
    return send(
        node,
        campaign.key(),
        HttpRequest.newBuilder(node.uri("/v1/calls/batch/" + campaign.id() + "/" + action))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Every call of the campaign, as {@code node} answers. */
  public List<JsonNode> calls(ChildServer node, Created campaign) {
    List<JsonNode> calls = new ArrayList<>();
    int offset = 0;
    while (true) {
      HttpResponse<String> answer =
          send(
              node,
              campaign.key(),
              HttpRequest.newBuilder(
                      node.uri(
                          "/v1/calls/batch/"
                              + campaign.id()
                              + "/calls?offset="
                              + offset
                              + "&limit=100"))
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

  public HttpResponse<String> send(ChildServer node, int k, HttpRequest.Builder request) {
    try {
      return client.send(
          request
              .header("Authorization", "Bearer " + keys.get(k).token())
              .timeout(Duration.ofSeconds(60))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("node did not answer:\n" + node.log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Key id to owning node, as the database says now (unexpired leases only). */
  public Map<String, String> owners() {
    Map<String, String> owners = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT key_id, owner_node FROM key_leases"
                    + " WHERE owner_node IS NOT NULL AND expires_at > clock_timestamp()");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        owners.put(rows.getString(1), rows.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return owners;
  }

  /** The index of each key held by {@code nodeId} now. */
  public TreeSet<Integer> keysOf(String nodeId) {
    Map<String, String> owners = owners();
    TreeSet<Integer> held = new TreeSet<>();
    for (int k = 0; k < keys.size(); k++) {
      if (nodeId.equals(owners.get(keys.get(k).keyId()))) {
        held.add(k);
      }
    }
    return held;
  }

  /** Each key's lease token now, by key index. */
  public Map<Integer, Long> tokens() {
    Map<Integer, Long> tokens = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        PreparedStatement select =
            connection.prepareStatement("SELECT token FROM key_leases WHERE key_id = ?")) {
      for (int k = 0; k < keys.size(); k++) {
        select.setString(1, keys.get(k).keyId());
        try (ResultSet row = select.executeQuery()) {
          if (row.next()) {
            tokens.put(k, row.getLong(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return tokens;
  }

  /**
   * The keys {@code nodeId} claimed after {@code tokens} were read (its token now higher), with
   * when it claimed each, by the database's clock (this machine's, as the fake's).
   */
  public Map<Integer, java.time.Instant> claimsSince(String nodeId, Map<Integer, Long> tokens) {
    Map<Integer, java.time.Instant> claims = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT token, claimed_at FROM key_leases WHERE key_id = ? AND owner_node = ?")) {
      for (int k = 0; k < keys.size(); k++) {
        select.setString(1, keys.get(k).keyId());
        select.setString(2, nodeId);
        try (ResultSet row = select.executeQuery()) {
          if (row.next() && row.getLong(1) > tokens.getOrDefault(k, Long.MAX_VALUE)) {
            claims.put(k, row.getObject(2, java.time.OffsetDateTime.class).toInstant());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return claims;
  }

  /** How many campaigns the database holds for key {@code k}. */
  public int campaignsInDatabase(int k) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
        PreparedStatement select =
            connection.prepareStatement("SELECT count(*) FROM campaigns WHERE key_id = ?")) {
      select.setString(1, keys.get(k).keyId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every node's log lines about keys changing hands and calls held back, for a failure. */
  public String keyLog() {
    StringBuilder lines = new StringBuilder();
    nodes.forEach(
        (id, node) ->
            node.log()
                .lines()
                .filter(
                    line ->
                        line.contains(" key ")
                            || line.contains("not placed")
                            || line.contains("handed"))
                .forEach(line -> lines.append(id).append(": ").append(line).append('\n')));
    return lines.toString();
  }

  /** A random int in [0, bound). */
  public int random(int bound) {
    return random.nextInt(bound);
  }

  /**
   * Polls {@code condition} every 20 ms until it holds, failing after {@code limit} with the key
   * owners and the tail of every node's log.
   */
  public void awaitUntil(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        StringBuilder logs = new StringBuilder();
        nodes.forEach(
            (id, node) -> {
              String log = node.log();
              logs.append("\n--- ")
                  .append(id)
                  .append(" (last lines)\n")
                  .append(log.substring(Math.max(0, log.length() - 3000)));
            });
        throw new AssertionError(
            "no " + what + " within " + limit + "; owners now " + owners() + logs);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /** Sends a signal to a node's process ({@code STOP}, {@code CONT}, {@code TERM}). */
  public static void signal(ChildServer node, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(node.process().pid()))
              .inheritIO()
              .start();
      assertEquals(0, kill.waitFor(), "kill -" + signal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    nodes.values().forEach(ChildServer::close);
    ender.shutdownNow();
    twilio.close();
  }
}
