package dev.outdial.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The request relay on a real PostgreSQL (embedded binaries, one server for the class, a new
 * database per test). Each "node" is a {@link RequestRelay} on connections of its own. Where a test
 * proves one path an answer can take (notification, poll, reconnect), the other paths are shut: a
 * poll of an hour, or an answer written without its notification.
 */
class RequestRelayTest {
  private static final String USER = "postgres";
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  // An await's last look at its timeout would find any answer: waits that prove one path to the
  // answer outlast the test's deadline.
  private static final Duration LONGER = Duration.ofMinutes(5);
  private static final RelayTerms NO_POLLS =
      new RelayTerms(Duration.ofHours(1), Duration.ofHours(1));
  private static EmbeddedPostgres server;

  private final List<RequestRelay> opened = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private String url;

  @BeforeAll
  static void startServer() throws IOException {
    server = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    url = EmbeddedDatabases.create(server, "relay_test");
  }

  @AfterEach
  void closeRelays() {
    threads.shutdownNow();
    opened.forEach(RequestRelay::close);
  }

  // --- a request through another node

  @Test
  void a_request_submitted_on_one_node_is_run_by_the_owner_and_its_answer_returned_once()
      throws SQLException {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");

    long id = a.submit("key_1", bytes("create campaign"));
    List<Relayed> taken = b.take(List.of("key_1"), 10);
    assertEquals(List.of(id), ids(taken));
    assertEquals("key_1", taken.get(0).keyId());
    assertEquals("create campaign", text(taken.get(0).request()));
    assertTrue(b.answer(id, bytes("201 created")));

    assertEquals("201 created", text(a.await(id, DEADLINE).orElseThrow()));
    assertEquals(0, rows(), "the row is deleted once its answer was read");
    assertEquals(Optional.empty(), a.await(id, DEADLINE), "an answer is read once");
  }

  @Test
  void the_owners_listener_hears_a_submit_for_its_key() throws InterruptedException {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    relay("b", NO_POLLS, RelayListener.of(heard::add, () -> {}));
    RequestRelay a = relay("a");

    a.submit("key_7", bytes("pause"));

    assertEquals("key_7", heard.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void take_returns_only_the_given_keys_oldest_first_up_to_its_limit() {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    long first = a.submit("key_1", bytes("1"));
    a.submit("key_2", bytes("2"));
    long third = a.submit("key_1", bytes("3"));
    long fourth = a.submit("key_3", bytes("4"));

    assertEquals(List.of(first), ids(b.take(List.of("key_1", "key_3"), 1)));
    assertEquals(List.of(third, fourth), ids(b.take(List.of("key_1", "key_3"), 10)));
    assertEquals(List.of(), b.take(List.of("key_1", "key_3"), 10), "not taken twice by b");
  }

  // --- how an answer reaches its waiter

  @Test
  void an_answer_wakes_its_waiter_by_notification_without_any_poll() throws Exception {
    RequestRelay a = relay("a", NO_POLLS, quiet());
    RequestRelay b = relay("b");
    long id = a.submit("key_1", bytes("resume"));
    b.take(List.of("key_1"), 1);

    Future<Optional<byte[]>> answer = threads.submit(() -> a.await(id, LONGER));
    eventually(() -> a.waitingForAnswers() == 1, "a looked once and waits");
    b.answer(id, bytes("200 resumed"));

    assertEquals(
        "200 resumed", text(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).orElseThrow()));
  }

  @Test
  void an_answer_whose_notification_was_missed_is_found_by_the_poll() throws Exception {
    RequestRelay a =
        relay("a", new RelayTerms(Duration.ofMillis(20), Duration.ofHours(1)), quiet());
    long id = a.submit("key_1", bytes("cancel"));

    Future<Optional<byte[]>> answer = threads.submit(() -> a.await(id, LONGER));
    eventually(() -> a.waitingForAnswers() == 1, "a looked once and waits");
    answerWithoutNotification(id, "200 cancelled");

    assertEquals(
        "200 cancelled", text(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).orElseThrow()));
  }

  @Test
  void a_waiter_looks_again_when_its_listening_connection_reconnects() throws Exception {
    RequestRelay a = relay("a", NO_POLLS, quiet());
    long id = a.submit("key_1", bytes("cancel"));
    Future<Optional<byte[]>> answer = threads.submit(() -> a.await(id, LONGER));
    eventually(() -> a.waitingForAnswers() == 1, "a looked once and waits");
    answerWithoutNotification(id, "200 cancelled");

    killListener("a");

    assertEquals(
        "200 cancelled", text(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).orElseThrow()));
  }

  @Test
  void a_killed_listening_connection_reconnects_and_hears_answers_again() throws Exception {
    CountDownLatch caughtUp = new CountDownLatch(2);
    RequestRelay a = relay("a", NO_POLLS, RelayListener.of(key -> {}, caughtUp::countDown));
    RequestRelay b = relay("b");
    long id = a.submit("key_1", bytes("resume"));
    b.take(List.of("key_1"), 1);
    int killed = killListener("a");

    assertTrue(
        caughtUp.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
        "the listener is told to catch up at start and again after the reconnect");
    eventually(() -> listenerPid("a") != 0, "a listens again");
    assertNotEquals(killed, listenerPid("a"));
    Future<Optional<byte[]>> answer = threads.submit(() -> a.await(id, LONGER));
    eventually(() -> a.waitingForAnswers() == 1, "a looked once and waits");
    b.answer(id, bytes("200 resumed"));

    assertEquals(
        "200 resumed", text(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).orElseThrow()));
  }

  @Test
  void an_await_without_an_answer_returns_empty_at_its_timeout_and_keeps_the_request() {
    RequestRelay a = relay("a");
    long id = a.submit("key_1", bytes("pause"));

    assertEquals(Optional.empty(), a.await(id, Duration.ofMillis(50)));
    assertEquals(1, rows());
  }

  // --- withdrawal

  @Test
  void a_request_withdrawn_before_any_take_is_never_taken() {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    long id = a.submit("key_1", bytes("create"));

    assertTrue(a.withdraw(id));
    assertEquals(List.of(), b.take(List.of("key_1"), 10));
    assertEquals(Optional.empty(), a.await(id, DEADLINE), "a withdrawn request has no answer");
  }

  @Test
  void a_request_taken_cannot_be_withdrawn() {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    long id = a.submit("key_1", bytes("create"));
    b.take(List.of("key_1"), 10);

    assertFalse(a.withdraw(id));
    assertTrue(b.answer(id, bytes("201")), "it is still there to answer");
  }

  @Test
  void a_request_abandoned_after_its_take_is_never_taken_again_and_its_late_answer_is_dropped() {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    RequestRelay c = relay("c");
    long id = a.submit("key_1", bytes("create"));
    b.take(List.of("key_1"), 10);

    assertTrue(a.abandon(id), "the submitter gave up on it");
    assertEquals(List.of(), c.take(List.of("key_1"), 10), "the key's next owner never runs it");
    assertFalse(b.answer(id, bytes("201")), "the late answer finds no row");
    assertFalse(a.abandon(id));
  }

  @Test
  void a_request_put_back_by_the_node_that_took_it_can_be_taken_again_even_by_that_node() {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    long id = a.submit("key_1", bytes("create"));
    assertEquals(List.of(id), ids(b.take(List.of("key_1"), 10)));
    assertEquals(List.of(), b.take(List.of("key_1"), 10), "taken: not taken twice by b");

    assertFalse(a.putBack(id), "only the node that took it puts it back");
    assertTrue(b.putBack(id));
    assertEquals(List.of(id), ids(b.take(List.of("key_1"), 10)), "b takes it again");
    assertTrue(b.answer(id, bytes("201")));
    assertFalse(b.putBack(id), "an answered request stays answered");
  }

  // --- a key changing hands

  @Test
  void
      a_request_taken_by_a_node_that_lost_its_key_is_taken_again_by_the_new_owner_and_the_first_answer_wins() {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    RequestRelay c = relay("c");
    long id = a.submit("key_1", bytes("create"));

    assertEquals(List.of(id), ids(b.take(List.of("key_1"), 10)));
    assertEquals(List.of(id), ids(c.take(List.of("key_1"), 10)), "c owns key_1 now");
    assertEquals(List.of(), c.take(List.of("key_1"), 10));
    assertTrue(c.answer(id, bytes("201 from c")));
    assertFalse(b.answer(id, bytes("201 from b")), "b's answer comes second");
    assertEquals(List.of(), b.take(List.of("key_1"), 10), "an answered request is not taken");

    assertEquals("201 from c", text(a.await(id, DEADLINE).orElseThrow()));
  }

  @Test
  void concurrent_takers_of_one_node_never_take_one_request_twice() throws Exception {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    List<String> keys = List.of("key_1", "key_2", "key_3");
    Set<Long> submitted = new HashSet<>();
    for (int i = 0; i < 150; i++) {
      submitted.add(a.submit(keys.get(i % 3), bytes("request " + i)));
    }
    int takers = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> taken = new ArrayList<>();
    for (int t = 0; t < takers; t++) {
      Callable<List<Long>> taker =
          () -> {
            start.await();
            List<Long> mine = new ArrayList<>();
            List<Relayed> batch;
            do {
              batch = b.take(keys, 7);
              mine.addAll(ids(batch));
            } while (!batch.isEmpty());
            return mine;
          };
      taken.add(threads.submit(taker));
    }
    start.countDown();

    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> one : taken) {
      all.addAll(one.get(60, TimeUnit.SECONDS));
    }
    assertEquals(submitted.size(), all.size(), "each request taken exactly once");
    assertEquals(submitted, new HashSet<>(all));
  }

  // --- housekeeping

  @Test
  void stale_rows_are_purged_an_hour_after_their_answer_and_a_day_after_their_submit()
      throws SQLException {
    RequestRelay a = relay("a");
    RequestRelay b = relay("b");
    long oldAnswered = a.submit("key_1", bytes("1"));
    long recentAnswered = a.submit("key_1", bytes("2"));
    long oldUnanswered = a.submit("key_1", bytes("3"));
    long recentUnanswered = a.submit("key_1", bytes("4"));
    b.take(List.of("key_1"), 10);
    b.answer(oldAnswered, bytes("a"));
    b.answer(recentAnswered, bytes("b"));
    execute(
        "UPDATE relay_requests SET answered_at = clock_timestamp() - INTERVAL '61 minutes'"
            + " WHERE id = "
            + oldAnswered);
    execute(
        "UPDATE relay_requests SET answered_at = clock_timestamp() - INTERVAL '59 minutes',"
            + " submitted_at = clock_timestamp() - INTERVAL '2 days' WHERE id = "
            + recentAnswered);
    execute(
        "UPDATE relay_requests SET submitted_at = clock_timestamp() - INTERVAL '25 hours'"
            + " WHERE id = "
            + oldUnanswered);
    execute(
        "UPDATE relay_requests SET submitted_at = clock_timestamp() - INTERVAL '23 hours'"
            + " WHERE id = "
            + recentUnanswered);

    assertEquals(2, a.purge());
    assertEquals(Set.of(recentAnswered, recentUnanswered), remainingIds());
  }

  @Test
  void a_closed_relay_leaves_no_listening_connection() throws SQLException {
    RequestRelay a = relay("a");
    assertNotEquals(0, listenerPid("a"));

    a.close();

    assertEquals(0, listenerPid("a"));
  }

  // --- helpers

  private RequestRelay relay(String node) {
    return relay(node, RelayTerms.DEFAULT, quiet());
  }

  private RequestRelay relay(String node, RelayTerms terms, RelayListener listener) {
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(url);
    database.setUser(USER);
    // Waiting for a row lock would be a bug in a take: fail it rather than hang the test.
    database.setOptions("-c lock_timeout=5000");
    RequestRelay relay = RequestRelay.open(database, node, terms, listener);
    opened.add(relay);
    return relay;
  }

  private static RelayListener quiet() {
    return RelayListener.of(key -> {}, () -> {});
  }

  /** The backend pid of {@code node}'s listening connection, or 0 if it has none. */
  private int listenerPid(String node) {
    try (Connection connection = raw();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      select.setString(1, "outdial relay " + node);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Terminates {@code node}'s listening connection from the server's side; returns its pid. */
  private int killListener(String node) throws SQLException {
    int pid = listenerPid(node);
    assertNotEquals(0, pid, "node " + node + " has a listening connection");
    try (Connection connection = raw();
        PreparedStatement kill = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
      kill.setInt(1, pid);
      try (ResultSet row = kill.executeQuery()) {
        assertTrue(row.next() && row.getBoolean(1), "pid " + pid + " was terminated");
      }
    }
    return pid;
  }

  /** An answer as a node would write it, but with its notification lost. */
  private void answerWithoutNotification(long id, String answer) throws SQLException {
    try (Connection connection = raw();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE relay_requests SET answer = ?, answered_at = clock_timestamp()"
                    + " WHERE id = ?")) {
      update.setBytes(1, bytes(answer));
      update.setLong(2, id);
      assertEquals(1, update.executeUpdate());
    }
  }

  private int rows() {
    return remainingIds().size();
  }

  private Set<Long> remainingIds() {
    Set<Long> ids = new HashSet<>();
    try (Connection connection = raw();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT id FROM relay_requests")) {
      while (row.next()) {
        ids.add(row.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = raw();
        Statement statement = connection.createStatement()) {
      assertEquals(1, statement.executeUpdate(sql), sql);
    }
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection(url, USER, "");
  }

  /** Polls {@code condition} until it holds, failing after the deadline. */
  private static void eventually(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "not within " + DEADLINE + ": " + what);
      Thread.onSpinWait();
    }
  }

  private static List<Long> ids(List<Relayed> relayed) {
    return relayed.stream().map(Relayed::id).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
