package dev.outdial.twilio.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.outdial.twilio.WebhookAnswer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Mounts the webhooks on the JDK's {@code HttpServer}: rebuilds the public URL Twilio signed from
 * the configured callback base, the path within the context and the raw query (never from the
 * {@code Host} header), reads at most {@link #MAX_BODY} bytes, and writes the answer.
 */
public final class WebhookHttpHandler implements HttpHandler {
  /** The largest body read: Twilio's callbacks are a few hundred bytes. */
  public static final int MAX_BODY = 64 * 1024;

  /** What answers one webhook request. */
  @FunctionalInterface
  public interface Endpoint {
    WebhookAnswer handle(
        String publicUrl, @Nullable String signature, @Nullable String contentType, byte[] body);
  }

  private final String callbackBase;
  private final Endpoint endpoint;

  public WebhookHttpHandler(String callbackBase, Endpoint endpoint) {
    this.callbackBase = CreateCallForm.withoutTrailingSlash(callbackBase);
    this.endpoint = endpoint;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      WebhookAnswer answer;
      if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer = new WebhookAnswer(405, "only POST");
      } else {
        byte[] body = readBounded(exchange);
        answer =
            body == null
                ? new WebhookAnswer(413, "body over " + MAX_BODY + " bytes")
                : endpoint.handle(
                    publicUrl(exchange),
                    exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body);
      }
      write(exchange, answer);
    }
  }

  /** {@code callbackBase} + the request's path within its context + {@code ?} raw query. */
  String publicUrl(HttpExchange exchange) {
    String context = exchange.getHttpContext().getPath();
    String path = exchange.getRequestURI().getRawPath();
    String within = path.startsWith(context) ? path.substring(context.length()) : path;
    if (!within.isEmpty() && !within.startsWith("/")) {
      within = "/" + within;
    }
    String query = exchange.getRequestURI().getRawQuery();
    return callbackBase + within + (query == null ? "" : "?" + query);
  }

  private static byte @Nullable [] readBounded(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY) {
          return null;
        }
      } catch (NumberFormatException ignored) {
        // read it and count
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        body.write(buffer, 0, read);
        if (body.size() > MAX_BODY) {
          return null;
        }
      }
      return body.toByteArray();
    }
  }

  private static void write(HttpExchange exchange, WebhookAnswer answer) throws IOException {
    if (answer.message().isEmpty()) {
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    byte[] text = (answer.message() + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(answer.status(), text.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(text);
    }
  }
}
