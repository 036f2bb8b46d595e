package dev.outdial.server.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/** Bridges the JDK's {@code HttpExchange} to the API's request and answer. */
public final class JdkExchanges {
  private JdkExchanges() {}

  public static void serve(HttpExchange exchange, Function<ApiRequest, ApiResponse> api)
      throws IOException {
    try (exchange) {
      ApiRequest request =
          new ApiRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              exchange.getRequestBody());
      ApiResponse response = api.apply(request);
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
