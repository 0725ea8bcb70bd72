// The SQLite schema (documented in docs/schema.md). Bump kSchemaVersion on any change.
#pragma once

namespace dyad {

inline constexpr int kSchemaVersion = 4;
// Versions (the migrations are in Store::open, core/store.cpp):
//   1  the first schema
//   2  evidence.sentence_char_begin/_end: the sentence in code points (NULL in migrated rows)
//   3  new files: the evidence key starts with `doc` (one document's rows are written together; a
//      key that starts with `relation` put every row of a batch at a random place of the index,
//      and each commit rewrote most of it), and `relation` has its own index; no index
//      mentions_by_entity (no dyad query reads mentions by entity). A migrated file keeps its
//      evidence key (the same columns in another order) and loses mentions_by_entity.
//   4  new files: `mentions` has no primary key and `evidence` no unique key: rows are appended
//      in the order they are written. Keyed by the document's content hash, every document's
//      rows landed at a random place of the table or index, and on a corpus larger than the page
//      cache each one cost pages read and rewritten. Rows stay unique all the same: a document is
//      written once, merge skips the documents a database has, and save_graph (import) skips
//      evidence a relation already has. A migrated file keeps its keys: same columns, same rows.

inline constexpr const char* kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS documents (
    id          TEXT PRIMARY KEY,      -- xxh3-64 of the bytes, hex
    source      TEXT NOT NULL,         -- path or caller-given id
    size        INTEGER NOT NULL,      -- bytes
    date        TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS entities (
    key  TEXT PRIMARY KEY,             -- "country/mexico"
    type TEXT NOT NULL,                -- a core type name: Country, Agreement...
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    entity TEXT NOT NULL REFERENCES entities(key),
    kind   TEXT NOT NULL,              -- 'name' (alternate name) or 'sameAs' (an IRI)
    value  TEXT NOT NULL,
    PRIMARY KEY (entity, kind, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    doc       TEXT NOT NULL REFERENCES documents(id),
    entity    TEXT NOT NULL REFERENCES entities(key),
    begin     INTEGER NOT NULL,        -- byte offsets into the original file, half-open
    end       INTEGER NOT NULL,
    surface   TEXT NOT NULL,
    extractor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS relations (
    id         INTEGER PRIMARY KEY,
    subject    TEXT NOT NULL REFERENCES entities(key),
    predicate  TEXT NOT NULL,          -- a core predicate name
    object     TEXT NOT NULL REFERENCES entities(key),
    negated    INTEGER NOT NULL DEFAULT 0,
    confidence REAL NOT NULL,
    UNIQUE (subject, predicate, object, negated)
);
CREATE TABLE IF NOT EXISTS evidence (
    relation       INTEGER NOT NULL REFERENCES relations(id),
    doc            TEXT NOT NULL,      -- documents.id (may be absent for imported graphs)
    sentence_begin INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    subject_begin  INTEGER NOT NULL,
    subject_end    INTEGER NOT NULL,
    object_begin   INTEGER NOT NULL,
    object_end     INTEGER NOT NULL,
    quote          TEXT NOT NULL,
    rule           TEXT NOT NULL,
    sentence_char_begin INTEGER,       -- code points into the decoded text; NULL: unknown (v1 rows)
    sentence_char_end   INTEGER
);
CREATE TABLE IF NOT EXISTS qualifiers (
    relation INTEGER NOT NULL REFERENCES relations(id),
    kind     TEXT NOT NULL,            -- topic | vehicle | quantity | time | modality
    value    TEXT NOT NULL,            -- entity key, time, modality, or the quantity's surface text
    number   REAL,                     -- quantity only
    unit     TEXT,                     -- quantity only
    hedge    TEXT,                     -- quantity only
    PRIMARY KEY (relation, kind, value)
);
CREATE INDEX IF NOT EXISTS evidence_by_relation ON evidence(relation);
)sql";

}  // namespace dyad
