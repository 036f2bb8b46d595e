-- Outdial store schema, version 5: the owner epoch, a fencing token. Each store that opens raises
-- it by one and keeps its number; each write transaction checks the number is still its own, so an
-- engine whose lock was lost unseen cannot commit after another engine opened. 0: never opened.
ALTER TABLE engine_meta ADD COLUMN owner_epoch BIGINT NOT NULL DEFAULT 0;
