package dev.outdial.server.internal;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Reads a request body up to a limit, refusing a larger one with 413 without reading it whole. */
public final class BoundedBody {
  private BoundedBody() {}

  public static byte[] read(InputStream in, @Nullable String contentLength, long maxBytes) {
    if (contentLength != null && declared(contentLength) > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return body;
    } catch (IOException e) {
      // The client stopped sending, or the server cut it off for being too slow.
      throw new ApiError(408, "request_timeout", "the request body was not received in full");
    }
  }

  /** The declared length; an unreadable one (the JDK server refuses those first) counts as 0. */
  private static long declared(String contentLength) {
    try {
      return Long.parseLong(contentLength.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static ApiError tooLarge(long maxBytes) {
    return new ApiError(
        413, "payload_too_large", "the request body is larger than " + maxBytes + " bytes");
  }
}
