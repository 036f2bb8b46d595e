package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A cluster node runs a request passed on to it with a secret of its own for the key (issue 13):
 * accepted for that key only, beside the client's, so the client's secret never travels through the
 * database.
 */
class ApiKeysTest {
  private final ApiKeys.GeneratedKey a = ApiKeys.generate();
  private final ApiKeys.GeneratedKey b = ApiKeys.generate();
  private final ApiKeys keys = ApiKeys.of(List.of(a.stored(), b.stored()));

  @Test
  void a_nodes_relay_secret_is_accepted_for_its_key_only_and_the_clients_still_is() {
    String relaySecret = ApiKeys.generate().secret();
    ApiKeys node = keys.alsoAccepting(a.keyId(), relaySecret);

    assertEquals(
        Optional.of(a.keyId()), node.authenticate("Bearer " + a.keyId() + ":" + relaySecret));
    assertEquals(Optional.of(a.keyId()), node.authenticate("Bearer " + a.token()));
    assertEquals(Optional.empty(), node.authenticate("Bearer " + b.keyId() + ":" + relaySecret));
    assertEquals(
        Optional.empty(),
        keys.authenticate("Bearer " + a.keyId() + ":" + relaySecret),
        "the keys it was made from are unchanged");
  }

  @Test
  void a_relay_secret_for_a_key_not_configured_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> keys.alsoAccepting("key_unknown", "secret"));
  }
}
