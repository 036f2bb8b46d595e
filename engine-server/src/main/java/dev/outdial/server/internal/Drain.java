package dev.outdial.server.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Counts requests in flight so a stop can wait for exactly them. The JDK 17 server's own {@code
 * stop(delay)} waits the whole delay even when idle, so the server drains here and then stops with
 * no delay. Once draining, a new request is answered 503 {@code shutting_down} and its connection
 * closed.
 */
public final class Drain {
  private static final byte[] SHUTTING_DOWN =
      "{\"error\":\"shutting_down\",\"message\":\"the server is stopping; retry later\"}"
          .getBytes(StandardCharsets.UTF_8);

  private int inFlight;
  private boolean draining;

  /** The handler, counted. */
  public HttpHandler around(HttpHandler handler) {
    return exchange -> {
      if (!enter()) {
        refuse(exchange);
        return;
      }
      try {
        handler.handle(exchange);
      } finally {
        exit();
      }
    };
  }

  /** Refuses new requests, then waits until none is in flight or the grace is over. */
  public synchronized boolean drain(Duration grace) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private synchronized boolean enter() {
    if (draining) {
      return false;
    }
    inFlight++;
    return true;
  }

  private synchronized void exit() {
    if (--inFlight == 0) {
      notifyAll();
    }
  }

  private static void refuse(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(503, SHUTTING_DOWN.length);
      exchange.getResponseBody().write(SHUTTING_DOWN);
    }
  }
}
