package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outdial.engine.DiallingEvent;
import dev.outdial.engine.spi.EngineListener;
import dev.outdial.server.support.HoldingDialer;
import dev.outdial.server.support.TestServer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The host's listener, given to the server's builder, hears what the engine tells, beside the
 * server's own books: a key's dialling suspended and resumed too.
 */
class HostListenerTest {
  private final HoldingDialer dialer = new HoldingDialer();
  private final CompletableFuture<DiallingEvent> suspended = new CompletableFuture<>();
  private final CompletableFuture<DiallingEvent> resumed = new CompletableFuture<>();
  private final EngineListener host =
      new EngineListener() {
        @Override
        public void onDialling(DiallingEvent event) {
          (event.suspended() ? suspended : resumed).complete(event);
        }
      };

  @Test
  void the_hosts_listener_hears_a_keys_dialling_suspended_and_resumed() throws Exception {
    try (TestServer t =
        TestServer.withDialer(Clock.systemUTC(), dialer, host, c -> c, null, null)) {
      String body =
          """
          {"agent_id": "agent_125207e452f8714a", "prompt": "Remind them of the check-up.",
           "recipients": [{"phone": "+447111000001"}]}
          """;
      assertEquals(201, t.post("/v1/calls/batch", t.keyA, body).statusCode());
      HoldingDialer.Held first = dialer.next();
      first.ends().notPlaced(first.callId(), "the provider refused the account");

      DiallingEvent down = suspended.get(30, TimeUnit.SECONDS);
      assertTrue(down.reason().contains("refused the account"), down.toString());
      first.ends().dialerAvailable();
      assertEquals(down.keyId(), resumed.get(30, TimeUnit.SECONDS).keyId());
    }
  }
}
