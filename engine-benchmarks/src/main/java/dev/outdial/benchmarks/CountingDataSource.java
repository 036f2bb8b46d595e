package dev.outdial.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what the code above it sends to the database through JDBC: each
 * statement execution ({@code execute…}, and {@code executeBatch} once however many rows it holds),
 * the rows added to batches, and each {@code commit} and {@code rollback}. Everything is passed on
 * to the wrapped source unchanged.
 *
 * <p>What it cannot see: what the pool does on its own (a validity check of a connection idle for a
 * while), {@code COPY} through the driver's own API ({@code unwrap}), and how the driver splits a
 * large batch (the PostgreSQL driver waits for the server's replies every few hundred queued
 * statements). With batches of one row, each execution counted is one round trip.
 */
final class CountingDataSource {
  private static final Set<String> EXECUTIONS =
      Set.of(
          "execute",
          "executeQuery",
          "executeUpdate",
          "executeLargeUpdate",
          "executeBatch",
          "executeLargeBatch");

  private final AtomicLong executions = new AtomicLong();
  private final AtomicLong batchedRows = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong rollbacks = new AtomicLong();
  private final DataSource counted;

  CountingDataSource(DataSource database) {
    counted =
        proxy(
            DataSource.class,
            database,
            method -> {},
            (method, result) ->
                method.getName().equals("getConnection") ? connection(result) : result);
  }

  /** The source to hand to the code whose database work is counted. */
  DataSource dataSource() {
    return counted;
  }

  /** What was counted so far. */
  Counts counts() {
    return new Counts(executions.get(), batchedRows.get(), commits.get(), rollbacks.get());
  }

  /**
   * What a {@link CountingDataSource} counted.
   *
   * @param executions statements executed, a batch once
   * @param batchedRows rows added to batches
   * @param commits commits
   * @param rollbacks rollbacks
   */
  record Counts(long executions, long batchedRows, long commits, long rollbacks) {
    /** Nothing counted. */
    static final Counts ZERO = new Counts(0, 0, 0, 0);

    /** This and {@code more} together. */
    Counts plus(Counts more) {
      return new Counts(
          executions + more.executions,
          batchedRows + more.batchedRows,
          commits + more.commits,
          rollbacks + more.rollbacks);
    }

    /** Executions, commits and rollbacks: the requests that each wait for the server's reply. */
    long roundTrips() {
      return executions + commits + rollbacks;
    }

    /** What was counted since {@code before}. */
    Counts since(Counts before) {
      return new Counts(
          executions - before.executions,
          batchedRows - before.batchedRows,
          commits - before.commits,
          rollbacks - before.rollbacks);
    }
  }

  private Object connection(Object connection) {
    return proxy(
        Connection.class,
        connection,
        method -> {
          switch (method.getName()) {
            case "commit" -> commits.incrementAndGet();
            case "rollback" -> rollbacks.incrementAndGet();
            default -> {}
          }
        },
        (method, result) ->
            switch (method.getName()) {
              case "createStatement" -> statement(Statement.class, result);
              case "prepareStatement" -> statement(PreparedStatement.class, result);
              case "prepareCall" -> statement(CallableStatement.class, result);
              default -> result;
            });
  }

  private <T extends Statement> T statement(Class<T> type, Object statement) {
    return proxy(
        type,
        statement,
        method -> {
          if (EXECUTIONS.contains(method.getName())) {
            executions.incrementAndGet();
          } else if (method.getName().equals("addBatch")) {
            batchedRows.incrementAndGet();
          }
        },
        (method, result) -> result);
  }

  /** Counts a call, before it is passed on (a call that fails was still sent). */
  private interface Before {
    void called(Method method);
  }

  /** What to return in place of a call's non-null result. */
  private interface After {
    Object returned(Method method, Object result);
  }

  private static <T> T proxy(Class<T> type, Object target, Before before, After after) {
    InvocationHandler handler =
        (self, method, args) -> {
          before.called(method);
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return result == null ? null : after.returned(method, result);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
