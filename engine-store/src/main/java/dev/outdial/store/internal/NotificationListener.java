package dev.outdial.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread LISTENing on PostgreSQL channels over a connection of its own, taken from a {@link
 * DataSource} for the listener's life. It hands each notification to its {@link Handler}, tells it
 * whenever it (re)connects (notifications sent while it was not listening are lost, so the handler
 * must catch up), and reconnects after a failure with back-off (100 ms, doubling, at most 5 s),
 * logging each failure. A connection that fails silently is found by a validity check every 5 s.
 */
public final class NotificationListener implements AutoCloseable {
  /** What the listener's thread calls; a handler's exception is logged and does not stop it. */
  public interface Handler {
    /**
     * The listener is listening: at start ({@code again} false) and after every reconnect ({@code
     * again} true). Whatever was notified before may have been missed.
     */
    void listening(boolean again);

    /** A notification on one of the channels. */
    void notified(String channel, String payload);

    /** Called between waits for notifications, at least every 200 ms while connected. */
    void idle();
  }

  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
  private static final int WAIT_MILLIS = 200;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
  private static final int CHECK_TIMEOUT_SECONDS = 2;

  private final DataSource database;
  private final String name;
  private final List<String> channels;
  private final Handler handler;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private @Nullable Connection connection;

  private NotificationListener(
      DataSource database, String name, List<String> channels, Handler handler) {
    this.database = database;
    this.name = name;
    this.channels = List.copyOf(channels);
    this.handler = handler;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /**
   * Connects and LISTENs before it returns, so every notification committed from then on reaches
   * the handler unless the connection fails; then starts the thread.
   *
   * @param name the thread's name, and the connection's {@code application_name}
   * @throws SQLException if the first connection fails (nothing is left open)
   */
  public static NotificationListener start(
      DataSource database, String name, List<String> channels, Handler handler)
      throws SQLException {
    NotificationListener listener = new NotificationListener(database, name, channels, handler);
    listener.connection = listener.connect();
    listener.thread.start();
    return listener;
  }

  /** Stops the thread and closes its connection (not the data source). */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean again = false;
    Duration backoff = FIRST_BACKOFF;
    try {
      while (!stopped()) {
        Connection current = connection;
        if (current == null) {
          try {
            current = connect();
            connection = current;
            backoff = FIRST_BACKOFF;
          } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: cannot LISTEN again, retrying in {}: {}", name, backoff, e.getMessage());
            if (waitForStop(backoff)) {
              return;
            }
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            continue;
          }
        }
        boolean reconnected = again;
        call(reconnected ? "after reconnecting" : "at start", () -> handler.listening(reconnected));
        again = true;
        listen(current);
      }
    } finally {
      disconnect();
    }
  }

  /** Hands notifications over until the connection fails or the listener stops. */
  private void listen(Connection current) {
    long checked = System.nanoTime();
    try {
      PGConnection notifications = current.unwrap(PGConnection.class);
      while (!stopped()) {
        PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
        if (received != null) {
          for (PGNotification notification : received) {
            call(
                "on a notification",
                () -> handler.notified(notification.getName(), notification.getParameter()));
          }
        }
        if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
          if (!current.isValid(CHECK_TIMEOUT_SECONDS)) {
            throw new SQLException("the connection failed its validity check");
          }
          checked = System.nanoTime();
        }
        call("when idle", handler::idle);
      }
    } catch (SQLException | RuntimeException e) {
      if (!stopped()) {
        LOG.warn("{}: lost its LISTEN connection, reconnecting: {}", name, e.getMessage());
        disconnect();
      }
    }
  }

  private Connection connect() throws SQLException {
    Connection opened = database.getConnection();
    try {
      // LISTEN inside a transaction would take effect only at its commit.
      opened.setAutoCommit(true);
      try (Statement statement = opened.createStatement()) {
        statement.execute("SET application_name = '" + name.replace("'", "''") + "'");
        for (String channel : channels) {
          statement.execute("LISTEN " + channel);
        }
      }
      return opened;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(opened, e);
      throw e;
    }
  }

  private void disconnect() {
    Connection current = connection;
    connection = null;
    if (current == null) {
      return;
    }
    // A pooled connection goes back to the pool: leave it as it came.
    try (Statement statement = current.createStatement()) {
      statement.execute("UNLISTEN *");
      statement.execute("RESET application_name");
    } catch (SQLException | RuntimeException e) {
      LOG.debug("{}: could not reset its connection before closing it: {}", name, e.getMessage());
    }
    closeQuietly(current, null);
  }

  private void closeQuietly(Connection closing, @Nullable Throwable cause) {
    try {
      closing.close();
    } catch (SQLException | RuntimeException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      } else {
        LOG.debug("{}: closing its connection failed: {}", name, e.getMessage());
      }
    }
  }

  private void call(String when, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("{}: its handler failed {}", name, when, e);
    }
  }

  private boolean stopped() {
    return stop.getCount() == 0;
  }

  /** Waits {@code duration} unless stopped first; true if stopped. */
  private boolean waitForStop(Duration duration) {
    try {
      return stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
