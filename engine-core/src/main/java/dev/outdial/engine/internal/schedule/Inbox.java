package dev.outdial.engine.internal.schedule;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Work handed to the owner thread from any other thread: call ends reported by dialers and, in
 * real-time mode, API calls. Lock-free; posting wakes the owner.
 */
public final class Inbox {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private volatile Runnable wake = () -> {};

  public void onPost(Runnable wake) {
    this.wake = wake;
  }

  public void post(Runnable work) {
    queue.add(work);
    wake.run();
  }

  /** Runs everything posted so far (and anything posted meanwhile). */
  public void drain() {
    Runnable work;
    while ((work = queue.poll()) != null) {
      work.run();
    }
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }
}
