package dev.outdial.server.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/** Bridges the JDK's {@code HttpExchange} to the API's request and answer. */
public final class JdkExchanges {
  /** How much of a refused body is read and dropped so that its answer is not lost. */
  private static final long DISCARD_BYTES = 1 << 20;

  private JdkExchanges() {}

  /** Knows whether the request body was read to its end. */
  private static final class EndAwareInput extends FilterInputStream {
    private boolean atEnd;

    EndAwareInput(InputStream in) {
      super(in);
    }

    boolean atEnd() {
      return atEnd;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      atEnd |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      atEnd |= n < 0;
      return n;
    }
  }

  private static boolean declaresBody(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
        || (length != null && !length.strip().equals("0"));
  }

  /** Answers the API's JSON 404 for a path outside it. */
  public static void noRoute(HttpExchange exchange) throws IOException {
    serve(exchange, request -> ApiHandler.noRoute(request.path()));
  }

  public static void serve(HttpExchange exchange, Function<ApiRequest, ApiResponse> api)
      throws IOException {
    try (exchange) {
      EndAwareInput body = new EndAwareInput(exchange.getRequestBody());
      ApiRequest request =
          new ApiRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              body);
      ApiResponse response = api.apply(request);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      if (!body.atEnd() && !declaresBody(exchange)) {
        body.read(); // nothing to read: this finds the end at once and keeps the connection
      }
      if (!body.atEnd()) {
        // A body left unread (an early 401, 413 or 415): the connection is not reused for another
        // request, so the client stops sending and the JDK's drain of it ends at once.
        exchange.getResponseHeaders().set("Connection", "close");
      }
      byte[] answer = response.body();
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      exchange.sendResponseHeaders(
          response.status(), answer.length == 0 || head ? -1 : answer.length);
      if (answer.length > 0 && !head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
          if (!body.atEnd()) {
            out.flush();
            discardUnread(body);
          }
        }
      }
    }
  }

  /**
   * Reads and drops what is left of a refused body, up to {@link #DISCARD_BYTES}, after the answer
   * has been sent: closing a connection with unread bytes resets it, and a client still sending
   * would then lose the answer it was sent.
   */
  private static void discardUnread(InputStream body) {
    byte[] buffer = new byte[8192];
    long left = DISCARD_BYTES;
    try {
      int read;
      while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= read;
      }
    } catch (IOException e) {
      // The client went away: there is no answer left to protect.
    }
  }
}
