-- Schema 3 records carry a confidence per attribution (stages/confidence.py): stored for
-- 'newstrace quotes --min-confidence'. Records stored before it, or analyzed without the stage, keep NULL.
ALTER TABLE attributions ADD COLUMN confidence REAL;
CREATE INDEX attributions_confidence ON attributions (confidence);
