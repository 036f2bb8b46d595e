-- Outdial store schema, version 1. Shared by SQLite and PostgreSQL; ${bytes} is BLOB or BYTEA.
-- An instant is two columns: <name>_s, the epoch second, and <name>_n, the nanosecond of that
-- second (both null for none). Enums are spelled as on the wire.

-- One row: the engine's id secret and its counters, which only grow (ids are never reused).
CREATE TABLE engine_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret ${bytes},
  next_campaign_counter BIGINT NOT NULL,
  next_call_counter BIGINT NOT NULL
);

INSERT INTO engine_meta (id, secret, next_campaign_counter, next_call_counter)
VALUES (1, NULL, 0, 0);

-- A campaign: its create request as checked, and its state. finished_s is null while open.
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  counter BIGINT NOT NULL UNIQUE,
  key_id TEXT NOT NULL,
  call_base BIGINT NOT NULL,
  size INTEGER NOT NULL,
  created_s BIGINT NOT NULL,
  created_n INTEGER NOT NULL,
  created_status TEXT NOT NULL,
  status TEXT NOT NULL,
  fires_s BIGINT,
  fires_n INTEGER,
  canceled_s BIGINT,
  canceled_n INTEGER,
  finished_s BIGINT,
  finished_n INTEGER,
  agent_id TEXT NOT NULL,
  prompt TEXT NOT NULL,
  name TEXT,
  from_number TEXT NOT NULL,
  zone TEXT NOT NULL,
  zone_source TEXT NOT NULL,
  -- The calling window, all four null when the request set none; days like MON,TUE.
  window_zone TEXT,
  window_start_minute INTEGER,
  window_end_minute INTEGER,
  window_days TEXT,
  -- YYYY-MM-DD
  scheduled_date TEXT,
  -- JSON: [{"index":3,"phone":"+44…","reason":"invalid_number"}, …]
  invalid TEXT NOT NULL,
  -- JSON: [4, 9, …]
  duplicate_indexes TEXT NOT NULL
);

-- A recipient and its call, named by its campaign's counter and its index in dial order.
CREATE TABLE recipients (
  campaign BIGINT NOT NULL REFERENCES campaigns (counter),
  idx INTEGER NOT NULL,
  phone TEXT NOT NULL,
  -- JSON object, null when none
  variables TEXT,
  prompt_override TEXT,
  status TEXT NOT NULL,
  ended_reason TEXT,
  started_s BIGINT,
  started_n INTEGER,
  ended_s BIGINT,
  ended_n INTEGER,
  detail TEXT,
  reference TEXT,
  PRIMARY KEY (campaign, idx)
);

-- The first answer to an idempotent create, kept as long as its campaign.
CREATE TABLE answers (
  key_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaigns (id),
  fingerprint ${bytes} NOT NULL,
  answer ${bytes} NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
);

CREATE INDEX answers_by_campaign ON answers (campaign_id);
