-- TIMEX3's type, mod and set value of each time expression (record schema newstrace.article/6):
-- 'DATE', 'TIME', 'DURATION' or 'SET'; 'START', 'MID', 'END', 'APPROX', ... or NULL; the set's
-- value ('P1D' for "every day") or NULL. Stores made before this version are filled by the
-- migration's backfill from their records.
ALTER TABLE times ADD COLUMN type TEXT;
ALTER TABLE times ADD COLUMN mod TEXT;
ALTER TABLE times ADD COLUMN frequency TEXT;
