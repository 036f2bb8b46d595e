-- Outdial store schema, version 7: key leases, the foundation of a cluster on PostgreSQL (issue 13).
-- Every time here is the DATABASE's clock (clock_timestamp()), never a node's: nodes only ever
-- send durations, so skew between nodes cannot make two of them think they own one key.
-- SQLite runs this version's sqlite/ file instead: one engine owns a file (its file lock), so it
-- has no leases.

-- The nodes of a cluster, for balance: a node is live while expires_at is in the future.
CREATE TABLE cluster_nodes (
  node_id TEXT PRIMARY KEY,
  started_at TIMESTAMPTZ NOT NULL,
  heartbeat_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

-- One row per API key. owner_node holds the key until expires_at; NULL when never claimed or
-- released. token only grows: each claim raises it, so a write fenced with an older token is
-- refused. expires_at is NULL until the first claim.
CREATE TABLE key_leases (
  key_id TEXT PRIMARY KEY,
  owner_node TEXT,
  token BIGINT NOT NULL DEFAULT 0,
  claimed_at TIMESTAMPTZ,
  expires_at TIMESTAMPTZ
);

-- Renewal, release and a node's listing select its own rows.
CREATE INDEX key_leases_by_owner ON key_leases (owner_node);
