//! Numbered migrations. `PRAGMA user_version` holds the number of the last one applied;
//! each runs in its own transaction, so a crash leaves the database at a whole version.

/// Each entry upgrades the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: places, teams, people, memberships, settings, history.
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE communes (
    id            INTEGER PRIMARY KEY,
    province      TEXT NOT NULL CHECK (province <> ''),
    district_kind TEXT,
    district_name TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'thi_tran', 'dac_khu')),
    name          TEXT NOT NULL CHECK (name <> ''),
    place_name    TEXT NOT NULL CHECK (place_name <> ''),
    chairman      TEXT NOT NULL DEFAULT '',
    vice_chairmen TEXT NOT NULL DEFAULT '[]',
    preset        TEXT NOT NULL DEFAULT 'ministry-001',
    CHECK ((district_kind IS NULL) = (district_name IS NULL))
) STRICT;

CREATE TABLE villages (
    id          INTEGER PRIMARY KEY,
    commune_id  INTEGER NOT NULL REFERENCES communes (id),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (name <> ''),
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'retired')),
    merged_into INTEGER REFERENCES villages (id),
    CHECK ((status = 'merged') = (merged_into IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX villages_name ON villages (commune_id, kind, name) WHERE status = 'active';

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY,
    commune_id  INTEGER NOT NULL REFERENCES communes (id),
    level       TEXT NOT NULL CHECK (level IN ('commune', 'village')),
    village_id  INTEGER REFERENCES villages (id),
    custom_name TEXT,
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'reorganising', 'dissolved')),
    CHECK ((level = 'commune') = (village_id IS NULL))
) STRICT;
CREATE INDEX teams_commune ON teams (commune_id);
CREATE INDEX teams_village ON teams (village_id);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    commune_id  INTEGER NOT NULL REFERENCES communes (id),
    full_name   TEXT NOT NULL DEFAULT '',
    given_name  TEXT NOT NULL DEFAULT '',
    gender      INTEGER CHECK (gender IN (1, 2)),
    birth_year  INTEGER,
    position    TEXT NOT NULL DEFAULT '',
    phone       TEXT,
    email       TEXT,
    citizen_id  TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL,
    sort_key    BLOB NOT NULL,
    CHECK (full_name <> '' OR position <> '')
) STRICT;
CREATE INDEX people_sort ON people (sort_key);
CREATE INDEX people_commune ON people (commune_id);

-- Accent-free search: the folded text indexed word by word, searched by prefix.
CREATE VIRTUAL TABLE people_fts USING fts5 (
    search_text, content = 'people', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE memberships (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    role         TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
    duties       TEXT NOT NULL DEFAULT '',
    joined_on    TEXT,
    joined_by    TEXT NOT NULL DEFAULT '',
    left_on      TEXT,
    leave_reason TEXT NOT NULL DEFAULT '',
    left_by      TEXT NOT NULL DEFAULT '',
    -- The person's sort key, copied so the roster sorts from one index without a join.
    sort_key     BLOB NOT NULL DEFAULT x'',
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on)
) STRICT;
CREATE UNIQUE INDEX memberships_current ON memberships (team_id, person_id) WHERE left_on IS NULL;
CREATE INDEX memberships_team ON memberships (team_id, left_on);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_roster ON memberships (sort_key, id, person_id) WHERE left_on IS NULL;
CREATE INDEX memberships_sorted ON memberships (sort_key, id, person_id);

-- What was changed, when: renames, merges, moves, status changes.
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX history_entity ON history (entity, entity_id);
"#,
    // 2: the library of legal bases and recipients, and the register of decisions.
    r#"
CREATE TABLE library (
    id         INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    kind       TEXT NOT NULL CHECK (kind IN ('legal_basis', 'recipient')),
    text       TEXT NOT NULL CHECK (text <> ''),
    position   INTEGER NOT NULL DEFAULT 0,
    chosen     INTEGER NOT NULL DEFAULT 1 CHECK (chosen IN (0, 1))
) STRICT;
CREATE INDEX library_commune ON library (commune_id, kind, position);

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    year       INTEGER NOT NULL,
    type_code  TEXT NOT NULL,
    number     INTEGER NOT NULL CHECK (number > 0),
    kind       TEXT NOT NULL,
    team_ids   TEXT NOT NULL,
    issued_on  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    model      TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    UNIQUE (commune_id, year, type_code, number)
) STRICT;
"#,
    // 3: indicators, baselines, targets, activities (with monthly totals kept in the
    // same transaction as every change, so a year's report reads a few hundred rows),
    // evidence files, and the register of reports.
    r#"
CREATE TABLE indicators (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL CHECK (name <> ''),
    unit           TEXT NOT NULL,
    base           TEXT NOT NULL,
    default_target REAL,
    source         TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Baselines (households, population, …) of a commune (village_id 0) or a village.
CREATE TABLE baselines (
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    village_id INTEGER NOT NULL DEFAULT 0,
    base       TEXT NOT NULL,
    value      INTEGER NOT NULL CHECK (value >= 0),
    PRIMARY KEY (commune_id, village_id, base)
) STRICT, WITHOUT ROWID;

-- Targets per year of a commune (village_id 0) or a village.
CREATE TABLE targets (
    commune_id   INTEGER NOT NULL REFERENCES communes (id),
    village_id   INTEGER NOT NULL DEFAULT 0,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    year         INTEGER NOT NULL,
    value        REAL NOT NULL CHECK (value >= 0),
    PRIMARY KEY (commune_id, village_id, indicator_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE activity_types (
    id         INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    name       TEXT NOT NULL CHECK (name <> ''),
    position   INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE activities (
    id         INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    village_id INTEGER REFERENCES villages (id),
    on_date    TEXT NOT NULL,
    type_id    INTEGER NOT NULL REFERENCES activity_types (id),
    people     INTEGER CHECK (people >= 0),
    households INTEGER CHECK (households >= 0),
    note       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    updated    TEXT NOT NULL
) STRICT;
CREATE INDEX activities_log ON activities (commune_id, on_date, id);
CREATE INDEX activities_team ON activities (team_id, on_date, id);

CREATE TABLE activity_counts (
    activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    count        INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (activity_id, indicator_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE activity_people (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (activity_id, person_id)
) STRICT, WITHOUT ROWID;

-- Evidence (photos, scanned lists): copied into the data folder, named by content.
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    stored      TEXT NOT NULL,
    bytes       INTEGER NOT NULL
) STRICT;
CREATE INDEX evidence_activity ON evidence (activity_id);

-- Totals per month, team and indicator. Indicator 0 counts activities, -1 people
-- reached, -2 households reached. Kept by the store in the writing transaction.
CREATE TABLE monthly (
    commune_id   INTEGER NOT NULL,
    month        TEXT NOT NULL,
    team_id      INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    entries      INTEGER NOT NULL,
    PRIMARY KEY (commune_id, month, team_id, indicator_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
    id         INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    team_id    INTEGER NOT NULL DEFAULT 0,
    period     TEXT NOT NULL,
    year       INTEGER NOT NULL,
    number     INTEGER NOT NULL CHECK (number > 0),
    issued_on  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    model      TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    UNIQUE (commune_id, team_id, year, number)
) STRICT;
CREATE INDEX reports_period ON reports (commune_id, period, team_id);
"#,
    // 4: the search index keeps prefixes of one to three letters, so a search for
    // `t` or `ng` at 100,000 members reads one entry instead of merging thousands.
    r#"
DROP TRIGGER people_fts_insert;
DROP TRIGGER people_fts_delete;
DROP TRIGGER people_fts_update;
DROP TABLE people_fts;
CREATE VIRTUAL TABLE people_fts USING fts5 (
    search_text, content = 'people', content_rowid = 'id', tokenize = 'unicode61',
    prefix = '1 2 3'
);
INSERT INTO people_fts (people_fts) VALUES ('rebuild');
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
"#,
    // 5: a wrong issued decision or report is voided with a reason, never deleted; the
    // library's entries carry their dates (the document's own, in force from, until),
    // what replaced them, their legal rank, and can be retired.
    r#"
ALTER TABLE decisions ADD COLUMN voided_on TEXT;
ALTER TABLE decisions ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN voided_on TEXT;
ALTER TABLE reports ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE library ADD COLUMN dated TEXT;
ALTER TABLE library ADD COLUMN in_force_from TEXT;
ALTER TABLE library ADD COLUMN in_force_until TEXT;
ALTER TABLE library ADD COLUMN replaced_by TEXT NOT NULL DEFAULT '';
ALTER TABLE library ADD COLUMN rank INTEGER NOT NULL DEFAULT 9;
ALTER TABLE library ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
"#,
    // 6: the audit trail: who made each change (the computer's user) and each changed
    // field's value before and after (JSON objects, field code → stored value).
    r#"
ALTER TABLE history ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN old_values TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN new_values TEXT NOT NULL DEFAULT '';
-- Files an issue is about to put in place (see store/pending.rs).
CREATE TABLE pending_files (
    id      INTEGER PRIMARY KEY,
    staged  TEXT NOT NULL,
    target  TEXT NOT NULL,
    sha256  TEXT NOT NULL
) STRICT;
"#,
    // 7: a note of an unfinished issue carries the seal that says this program wrote
    // it on this computer (see office/issue_notes.rs); older notes have none and are
    // never acted on. Each issued document keeps the SHA-256 of its frozen model, so
    // a model edited afterwards (a forged bundle) is told from a change of font; the
    // entries issued before get theirs as the migration runs (store::decisions).
    r#"
ALTER TABLE pending_files ADD COLUMN seal TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN model_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN model_sha256 TEXT NOT NULL DEFAULT '';
"#,
    // 8: the village teams' monthly return sheets taken in (one a team and month; a
    // corrected sheet replaces it and exactly the activities that came from it), and
    // the texts a team's month brought for its report.
    r#"
CREATE TABLE return_sheets (
    id          INTEGER PRIMARY KEY,
    commune_id  INTEGER NOT NULL REFERENCES communes (id),
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    period      TEXT NOT NULL,
    sheet_id    TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    received_on TEXT NOT NULL,
    lines       INTEGER NOT NULL CHECK (lines >= 0),
    UNIQUE (team_id, period)
) STRICT;
ALTER TABLE activities ADD COLUMN return_sheet_id INTEGER REFERENCES return_sheets (id);
CREATE INDEX activities_sheet ON activities (return_sheet_id) WHERE return_sheet_id IS NOT NULL;
CREATE TABLE report_drafts (
    commune_id     INTEGER NOT NULL REFERENCES communes (id),
    team_id        INTEGER NOT NULL REFERENCES teams (id),
    period         TEXT NOT NULL,
    difficulties   TEXT NOT NULL DEFAULT '',
    proposals      TEXT NOT NULL DEFAULT '',
    good_practices TEXT NOT NULL DEFAULT '',
    updated        TEXT NOT NULL,
    PRIMARY KEY (team_id, period)
) STRICT;
"#,
    // 9: the commune's code in the statistics office's list of units (domain::units),
    // when it was picked from the list or linked to it.
    r#"
ALTER TABLE communes ADD COLUMN unit_code INTEGER CHECK (unit_code > 0);
"#,
    // 10: a database whose home is a province (the Sở KH&CN's): its code in the official
    // list, and the communes' sheets it took in — a newer sheet of a commune's period
    // replaces the older one, which stays, marked with what replaced it.
    r#"
CREATE TABLE province_home (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    code    INTEGER NOT NULL CHECK (code > 0),
    issuer  TEXT NOT NULL DEFAULT 'so' CHECK (issuer IN ('so', 'ubnd')),
    set_on  TEXT NOT NULL
) STRICT;
CREATE TABLE submissions (
    id          INTEGER PRIMARY KEY,
    unit_code   INTEGER NOT NULL CHECK (unit_code > 0),
    period      TEXT NOT NULL,
    received_on TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    blank       INTEGER NOT NULL CHECK (blank IN (0, 1)),
    figures     TEXT NOT NULL,
    replaced_by INTEGER REFERENCES submissions (id)
) STRICT;
CREATE INDEX submissions_period ON submissions (period, unit_code) WHERE replaced_by IS NULL;
"#,
    // 11: targets sent down: the province's of the year (for all its communes, unit 0,
    // or for one), and where a commune's target came from (`Sở … giao ngày …`; empty
    // when the commune typed it).
    r#"
CREATE TABLE province_targets (
    year           INTEGER NOT NULL,
    indicator_code TEXT NOT NULL,
    unit_code      INTEGER NOT NULL DEFAULT 0,
    value          REAL NOT NULL CHECK (value >= 0),
    set_on         TEXT NOT NULL,
    PRIMARY KEY (year, indicator_code, unit_code)
) STRICT;
ALTER TABLE targets ADD COLUMN source TEXT NOT NULL DEFAULT '';
"#,
    // 12: issuing by the e-office: drafts waiting for the number the văn thư gives
    // (their model frozen), how each register entry was issued, and the signed PDFs
    // kept byte for byte (inside the database, so backups and bundles carry them and
    // no stop can part a copy from its entry).
    r#"
CREATE TABLE numbering_drafts (
    id           INTEGER PRIMARY KEY,
    commune_id   INTEGER NOT NULL REFERENCES communes (id),
    doc          TEXT NOT NULL CHECK (doc IN ('decision', 'report')),
    kind         TEXT NOT NULL DEFAULT '',
    team_ids     TEXT NOT NULL DEFAULT '[]',
    team_id      INTEGER NOT NULL DEFAULT 0,
    period       TEXT NOT NULL DEFAULT '',
    year         INTEGER NOT NULL,
    drafted_on   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    model        TEXT NOT NULL,
    model_sha256 TEXT NOT NULL,
    pdf_sha256   TEXT NOT NULL,
    entry_id     INTEGER,
    dropped_on   TEXT,
    drop_reason  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE signed_copies (
    id          INTEGER PRIMARY KEY,
    commune_id  INTEGER NOT NULL REFERENCES communes (id),
    decision_id INTEGER REFERENCES decisions (id),
    report_id   INTEGER REFERENCES reports (id),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       INTEGER NOT NULL CHECK (bytes > 0),
    attached_on TEXT NOT NULL,
    content     BLOB NOT NULL,
    CHECK ((decision_id IS NULL) <> (report_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX signed_copies_decision ON signed_copies (decision_id) WHERE decision_id IS NOT NULL;
CREATE UNIQUE INDEX signed_copies_report ON signed_copies (report_id) WHERE report_id IS NOT NULL;
ALTER TABLE decisions ADD COLUMN issued_way TEXT NOT NULL DEFAULT 'paper' CHECK (issued_way IN ('paper', 'eoffice'));
ALTER TABLE reports ADD COLUMN issued_way TEXT NOT NULL DEFAULT 'paper' CHECK (issued_way IN ('paper', 'eoffice'));
"#,
    // 13: the register of a province's reports (the Sở KH&CN's or the UBND tỉnh's), each
    // frozen as a commune's report is.
    r#"
CREATE TABLE province_reports (
    id           INTEGER PRIMARY KEY,
    period       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    number       INTEGER NOT NULL CHECK (number > 0),
    issued_on    TEXT NOT NULL,
    subject      TEXT NOT NULL,
    model        TEXT NOT NULL,
    model_sha256 TEXT NOT NULL,
    pdf_sha256   TEXT NOT NULL,
    voided_on    TEXT,
    void_reason  TEXT NOT NULL DEFAULT '',
    UNIQUE (year, number)
) STRICT;
"#,
];

/// The migration (from 0) that adds the frozen models' hashes, filled in as it runs.
pub const MODEL_HASHES: usize = 6;

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;
