package dev.outdial.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The {@code cluster} section (docs/cluster.md): defaults stated there, a shared PostgreSQL store
 * required, and each bad value refused naming the setting.
 */
class ClusterConfigTest {
  private static final String POSTGRES =
      "\"store\": {\"type\": \"postgres\", \"url\": \"jdbc:postgresql://db/o\", \"user\": \"o\","
          + " \"password\": \"p\"}";

  private static String refusal(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ServerConfig.read(json)).getMessage();
  }

  @Test
  void without_a_cluster_section_the_server_is_a_single_server() {
    assertNull(ServerConfig.read("{}").cluster());
  }

  @Test
  void a_cluster_node_defaults_to_a_ten_second_lease_and_a_thirty_second_relay() {
    ServerConfig.Cluster cluster =
        ServerConfig.read("{" + POSTGRES + ", \"cluster\": {}}").cluster();

    assertEquals(10, cluster.leaseSeconds());
    assertEquals(16, cluster.claimLimit());
    assertEquals(30, cluster.relaySeconds());
    String id = cluster.nodeIdOrDefault();
    assertTrue(id.contains("-" + ProcessHandle.current().pid() + "-"), id);
    assertEquals(
        "node-7",
        ServerConfig.read("{" + POSTGRES + ", \"cluster\": {\"node_id\": \"node-7\"}}")
            .cluster()
            .nodeIdOrDefault());
  }

  @Test
  void a_cluster_needs_a_postgres_store_every_node_shares() {
    assertTrue(
        refusal("{\"cluster\": {}}").contains("cluster needs a shared store of type postgres"),
        refusal("{\"cluster\": {}}"));
  }

  @Test
  void a_lease_shorter_than_three_seconds_or_a_relay_shorter_than_the_lease_is_refused() {
    assertTrue(
        refusal("{" + POSTGRES + ", \"cluster\": {\"lease_seconds\": 2}}")
            .contains("cluster.lease_seconds must be 3 to 3600, was 2"));
    String relay =
        refusal(
            "{" + POSTGRES + ", \"cluster\": {\"lease_seconds\": 20," + " \"relay_seconds\": 10}}");
    assertTrue(
        relay.contains("cluster.relay_seconds (10) must be at least cluster.lease_seconds"), relay);
    String answer =
        refusal(
            "{"
                + POSTGRES
                + ", \"http\": {\"max_answer_seconds\": 50}, \"cluster\": {\"relay_seconds\":"
                + " 30}}");
    assertTrue(answer.contains("more than half of http.max_answer_seconds (50)"), answer);
    assertTrue(
        refusal("{" + POSTGRES + ", \"cluster\": {\"node_id\": \" \"}}")
            .contains("cluster.node_id must be 1 to 200 characters"));
    assertNotEquals(
        0,
        ServerConfig.read("{" + POSTGRES + ", \"cluster\": {\"lease_seconds\": 3}}")
            .cluster()
            .leaseSeconds());
  }
}
