-- Outdial store schema, version 9: the request relay of a cluster on PostgreSQL (issue 13).
-- A node that does not own a request's API key writes the request here; the key's owner takes it,
-- runs it, and writes the answer back; the first node reads the answer and deletes the row.
-- Both request and answer are opaque bytes to the store. Every time is the DATABASE's clock.
-- SQLite runs this version's sqlite/ file instead: one engine owns a file, so nothing is relayed.

CREATE TABLE relay_requests (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_id TEXT NOT NULL,
  request BYTEA NOT NULL,
  submitted_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  -- The node that took it last; NULL until taken. A new owner of the key takes it again.
  taken_by TEXT,
  taken_at TIMESTAMPTZ,
  -- NULL until answered; the first answer wins.
  answer BYTEA,
  answered_at TIMESTAMPTZ
);

-- The owner's take: unanswered requests of its keys, oldest first.
CREATE INDEX relay_requests_unanswered ON relay_requests (key_id, id) WHERE answered_at IS NULL;
