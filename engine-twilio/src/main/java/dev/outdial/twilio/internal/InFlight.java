package dev.outdial.twilio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Counts requests to Twilio under way, and tells waiters when none is. */
public final class InFlight {
  private int count;
  private final List<CompletableFuture<Void>> waiters = new ArrayList<>();

  /** A request starts. */
  public synchronized void begin() {
    count++;
  }

  /** A request and the handling of its answer are done. */
  public void end() {
    List<CompletableFuture<Void>> done;
    synchronized (this) {
      count--;
      if (count > 0) {
        return;
      }
      done = List.copyOf(waiters);
      waiters.clear();
    }
    done.forEach(waiter -> waiter.complete(null));
  }

  /** Completes when no request is under way (at once if none is now). */
  public synchronized CompletableFuture<Void> idle() {
    if (count == 0) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    waiters.add(waiter);
    return waiter;
  }
}
