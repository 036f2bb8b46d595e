package dev.outdial.server.support;

import com.sun.net.httpserver.HttpExchange;
import dev.outdial.server.OutdialServer;
import dev.outdial.server.ServerConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code main --config FILE}: the standalone server as {@link OutdialServer} builds it, plus a
 * route {@code /probe/tcp-nodelay} that answers the {@code TCP_NODELAY} option of the very socket
 * the request came in on ({@code true} or {@code false}). The JDK server hides its sockets, so the
 * child JVM runs with {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED}.
 */
public final class SocketOptionProbe {
  private SocketOptionProbe() {}

  public static void main(String[] args) {
    ServerConfig config = ServerConfig.load(Path.of(args[1]));
    OutdialServer server =
        OutdialServer.builder(config)
            .route("/probe/tcp-nodelay", SocketOptionProbe::answerNoDelay)
            .start();
    System.out.println("probe listening on " + server.baseUri());
  }

  private static void answerNoDelay(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] answer =
          String.valueOf(channel(exchange).getOption(StandardSocketOptions.TCP_NODELAY))
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  /** {@code HttpExchangeImpl.impl} (an {@code ExchangeImpl}) {@code .connection.chan}. */
  private static SocketChannel channel(HttpExchange exchange) {
    try {
      Object impl = field(exchange, "impl");
      Object connection = field(impl, "connection");
      return (SocketChannel) field(connection, "chan");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JDK's HTTP server is built differently", e);
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
