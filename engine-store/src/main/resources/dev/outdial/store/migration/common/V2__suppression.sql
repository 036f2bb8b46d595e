-- Outdial store schema, version 2: the per-key suppression lists (issue 14). A row is a number
-- (E.164 text, as the API normalised it) that key_id's campaigns must never call; added_s/added_n
-- is when it was first added (adding it again keeps the first).
CREATE TABLE suppressed_numbers (
  key_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  added_s BIGINT NOT NULL,
  added_n INTEGER NOT NULL,
  PRIMARY KEY (key_id, phone)
);
