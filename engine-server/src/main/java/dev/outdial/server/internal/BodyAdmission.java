package dev.outdial.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the bytes of create bodies being read and parsed at once: parsing a body takes about 14
 * times its size in heap, so a dozen large creates at once would exhaust it. A create reserves its
 * declared length (the body limit when it declares none) before reading, waits up to a short time
 * for room, and is otherwise answered 503 {@code server_busy} with {@code Retry-After}; its body is
 * then read and dropped unbuffered so that the answer arrives on a connection still in good order.
 */
public final class BodyAdmission {
  /** What a refused client is told to wait, in seconds. */
  static final int RETRY_AFTER_SECONDS = 2;

  private final long maxBytesInFlight;
  private final long waitNanos;
  private long inFlight;

  /** Room for {@code maxBytesInFlight} body bytes at once; a create waits up to {@code wait}. */
  public BodyAdmission(long maxBytesInFlight, Duration wait) {
    if (maxBytesInFlight < 1 || wait.isNegative()) {
      throw new IllegalArgumentException("maxBytesInFlight must be positive, wait not negative");
    }
    this.maxBytesInFlight = maxBytesInFlight;
    this.waitNanos = wait.toNanos();
  }

  /** Heap-derived room: {@code Runtime.maxMemory() / 32} bytes, 2 s of waiting. */
  public static BodyAdmission fromHeap() {
    return new BodyAdmission(
        Math.max(1024, Runtime.getRuntime().maxMemory() / 32), Duration.ofSeconds(2));
  }

  /** The most body bytes read and parsed at once. */
  public long maxBytesInFlight() {
    return maxBytesInFlight;
  }

  /** Room taken for one body; closing it gives the room back. */
  public final class Ticket implements AutoCloseable {
    private final long bytes;
    private boolean closed;

    private Ticket(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void close() {
      synchronized (BodyAdmission.this) {
        if (!closed) {
          closed = true;
          inFlight -= bytes;
          BodyAdmission.this.notifyAll();
        }
      }
    }
  }

  /**
   * Room for the body about to be read from {@code body}: its declared {@code contentLength} when
   * that is within {@code maxBodyBytes}, else {@code maxBodyBytes}; none for a declared length over
   * the limit (refused unread). A body larger than all the room is admitted when nothing else is in
   * flight. Waits for room up to the configured time; then reads and drops up to {@code
   * maxBodyBytes + 1} bytes of the body and throws 503 {@code server_busy}.
   */
  public Ticket admit(InputStream body, @Nullable String contentLength, long maxBodyBytes) {
    long declared = declared(contentLength);
    long wanted = declared < 0 ? maxBodyBytes : declared > maxBodyBytes ? 0 : declared;
    long bytes = Math.min(wanted, maxBytesInFlight);
    try {
      if (reserve(bytes)) {
        return new Ticket(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    discard(body, maxBodyBytes + 1);
    throw new ApiError(
        503,
        "server_busy",
        "max_body_bytes_in_flight",
        "the server is reading and checking other create requests up to"
            + " max_body_bytes_in_flight ("
            + maxBytesInFlight
            + " bytes); retry in "
            + RETRY_AFTER_SECONDS
            + " s",
        null);
  }

  private synchronized boolean reserve(long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + waitNanos;
    while (inFlight > 0 && inFlight + bytes > maxBytesInFlight) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    inFlight += bytes;
    return true;
  }

  /** The declared length, or -1 when there is none or it is unreadable. */
  private static long declared(@Nullable String contentLength) {
    if (contentLength == null) {
      return -1;
    }
    try {
      return Long.parseLong(contentLength.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void discard(InputStream body, long limit) {
    byte[] buffer = new byte[8192];
    long left = limit;
    try {
      int read;
      while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= read;
      }
    } catch (IOException e) {
      // The client went away or was too slow: the answer may not reach it anyway.
    }
  }
}
