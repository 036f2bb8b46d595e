-- Outdial store schema, version 3: a campaign's recipient-local hours policy (issue 14), the
-- wire spelling of LocalHoursPolicy ('skip_unknown', 'campaign_zone_for_unknown'); NULL is off,
-- as for every campaign created before it existed.
ALTER TABLE campaigns ADD COLUMN local_hours TEXT;
