-- What quote clusters compare (store/statements.py), computed once when an attribution is stored:
-- its content words, space-separated, and the BLAKE2b digests of its verbatim runs, in base64.
-- Stores made before this version are filled by the migration's backfill.
ALTER TABLE attributions ADD COLUMN content_words TEXT;
ALTER TABLE attributions ADD COLUMN content_runs TEXT;
