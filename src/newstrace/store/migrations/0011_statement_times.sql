-- When each statement was made (record schema 5, attributions[].said): its TIMEX3 value, and
-- whether the text gave it (0) or the article's date stands in (1). Records stored before schema 5
-- have neither (NULL): they are filled when those articles are analyzed again.
ALTER TABLE attributions ADD COLUMN said TEXT;
ALTER TABLE attributions ADD COLUMN said_assumed INTEGER;
CREATE INDEX attributions_said ON attributions (said);
