package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outdial.server.support.ChildServer;
import dev.outdial.server.support.SocketOptionProbe;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keep-alive answers are not held back by Nagle's algorithm: the server's accepted sockets have
 * {@code TCP_NODELAY}. The JDK server reads its switch once per JVM, when its first server starts,
 * so the server runs in a fresh child JVM; the answer is the option of the request's own socket.
 */
class TcpNoDelayTest {
  @TempDir Path dir;

  @Test
  void accepted_connections_have_tcp_nodelay_so_keep_alive_answers_are_not_delayed()
      throws Exception {
    try (ChildServer child =
        ChildServer.start(
            dir,
            List.of("-Xmx128m", "--add-opens", "jdk.httpserver/sun.net.httpserver=ALL-UNNAMED"),
            SocketOptionProbe.class.getName(),
            """
            {"listen": {"port": 0},
             "agents": [{"agent_id": "agent_125207e452f8714a", "outbound_numbers": ["+447446466847"]}],
             "api_keys": [{"key_id": "KEY_ID", "secret_sha256": "KEY_SHA256"}]}
            """)) {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(child.uri("/probe/tcp-nodelay")).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertEquals(200, answer.statusCode(), child.log());
      assertEquals("true", answer.body(), "TCP_NODELAY of the accepted socket");
    }
  }
}
