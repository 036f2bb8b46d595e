-- Outdial store schema, version 6: retries and the attempt log (issue 14).
-- A campaign's retry policy: the ended reasons that call again, in wire spelling like
-- 'no_answer,busy', the most calls a recipient may get, and the least minutes between two of its
-- calls; all three NULL for none, as for every campaign created before it.
ALTER TABLE campaigns ADD COLUMN retry_on TEXT;
ALTER TABLE campaigns ADD COLUMN retry_max_attempts INTEGER;
ALTER TABLE campaigns ADD COLUMN retry_min_delay_minutes INTEGER;

-- How many calls a recipient has had, the one in progress included (0: never dialled). Before
-- retries a recipient had at most one call, and had it if its call started.
ALTER TABLE recipients ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
UPDATE recipients SET attempts = 1 WHERE started_s IS NOT NULL;

-- The attempt log: every call whose intent was committed, keyed by its call counter (attempt a of
-- recipient i has call_base + (a - 1) * size + i, so a campaign's calls are one range of keys).
-- Its rows outlive their campaign (per-number attempt caps count them) until AttemptsForgotten:
-- campaign_id, key_id and phone are therefore kept here, not joined.
CREATE TABLE attempts (
  call ${int64_key},
  campaign BIGINT NOT NULL,
  campaign_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  started_s BIGINT NOT NULL,
  started_n INTEGER NOT NULL,
  ended_s BIGINT,
  ended_n INTEGER,
  ended_reason TEXT,
  detail TEXT
);

-- The calls made before this version: one per recipient whose call started, its first attempt.
INSERT INTO attempts (call, campaign, campaign_id, idx, attempt, key_id, phone, started_s,
  started_n, ended_s, ended_n, ended_reason, detail)
SELECT r.call, r.campaign, c.id, r.idx, 1, c.key_id, r.phone, r.started_s, r.started_n,
  r.ended_s, r.ended_n, r.ended_reason, r.detail
FROM recipients r JOIN campaigns c ON c.counter = r.campaign
WHERE r.started_s IS NOT NULL;

-- attemptsSince and AttemptsForgotten select by start; a campaign's rows are its key range.
CREATE INDEX attempts_by_start ON attempts (started_s);
