-- Outdial store schema, version 8: one engine per API key in a cluster on PostgreSQL (issue 13).
-- Campaign and call counters are global in the schema (campaigns.counter is UNIQUE, recipients and
-- attempts are keyed by call counter), so each key's engine counts in a range of its own, fixed by
-- the key's ordinal o (from 1): campaign counters from o << 32, call counters from o << 40, each
-- range ending where the next ordinal's begins. The id secret stays one, in engine_meta, so ids
-- stay unique across the cluster. Ordinal 0 is the single engine's (its counters start at 0).
-- SQLite runs this version's sqlite/ file instead: one engine owns a file.

-- Ordinals come from a sequence: two nodes adding keys at once never draw the same one.
CREATE SEQUENCE key_engine_ordinals START WITH 1 MINVALUE 1;

CREATE TABLE key_engines (
  key_id TEXT PRIMARY KEY,
  ordinal BIGINT NOT NULL UNIQUE,
  next_campaign_counter BIGINT NOT NULL,
  next_call_counter BIGINT NOT NULL
);

-- A key engine loads its own key's campaigns only.
CREATE INDEX campaigns_by_key ON campaigns (key_id, counter);
