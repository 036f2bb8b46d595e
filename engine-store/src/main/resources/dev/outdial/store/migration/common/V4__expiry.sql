-- Outdial store schema, version 4: a campaign's latest end, expires_at (issue 14), as seconds and
-- nanoseconds like every instant here; NULL is none, as for every campaign created before it.
ALTER TABLE campaigns ADD COLUMN expires_s BIGINT;
ALTER TABLE campaigns ADD COLUMN expires_n INTEGER;
