-- The relay chain of each attribution as rows, publisher first, speaker last: what 'quotes --via'
-- and 'newstrace relays' read. Roles: 'publisher' (the agency or outlet that published the article),
-- 'intermediary' (each agency or paper it passed through: "KCNA reported ..."), 'speaker' (a
-- resolved speaker; an unresolved one ends the chain without a row). Stores made before this
-- migration get their rows from the stored records when it is applied (Store._backfill_relay_hops).
CREATE TABLE attribution_hops (
    article_key TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    attribution_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    role TEXT NOT NULL,
    published TEXT,
    PRIMARY KEY (article_key, attribution_id, position)
);
CREATE INDEX attribution_hops_name ON attribution_hops (name_key, role);
CREATE INDEX attribution_hops_published ON attribution_hops (published);

-- 'via' rows of attribution_names counted the publisher as a hop ('quotes --via KCNA' returned
-- KCNA's own stories); intermediaries are read from attribution_hops now.
DELETE FROM attribution_names WHERE role = 'via';
