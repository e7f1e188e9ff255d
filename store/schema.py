"""The schema, changed only through numbered migrations (PRAGMA user_version)."""

from __future__ import annotations

import sqlite3

# PRAGMA application_id marks a file as tertial's ("TRTL").
APPLICATION_ID = 0x5452544C


# AUTOINCREMENT where an author can delete and restore: a restored id must be free.
_V1 = """
        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            kind TEXT NOT NULL CHECK (kind IN ('T1', 'T2', 'VB')),
            year INTEGER NOT NULL,
            period TEXT NOT NULL DEFAULT '',
            UNIQUE (organisation_id, kind, year)
        );
        CREATE TABLE sections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'text'
        );
        CREATE INDEX sections_report ON sections(report_id, parent_id, position);
        CREATE TABLE economy_tables (
            id INTEGER PRIMARY KEY,
            section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            title TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT 'mnkr',
            label_heading TEXT NOT NULL DEFAULT '',
            columns TEXT NOT NULL  -- JSON list of headings
        );
        CREATE INDEX economy_tables_section ON economy_tables(section_id, position);
        CREATE TABLE economy_rows (
            id INTEGER PRIMARY KEY,
            table_id INTEGER NOT NULL REFERENCES economy_tables(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            cells TEXT NOT NULL,  -- JSON list of values as printed
            is_total INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX economy_rows_table ON economy_rows(table_id, position);
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES goals(id) ON DELETE CASCADE,
            level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
            code TEXT,
            title TEXT NOT NULL,
            position INTEGER NOT NULL,
            assessment TEXT CHECK (assessment IN ('helt', 'delvis', 'ej')),
            analys TEXT NOT NULL DEFAULT '',
            expected_result TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX goals_report ON goals(report_id, parent_id, position);
        CREATE INDEX goals_parent ON goals(parent_id, position);
        CREATE TABLE indicators (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT '',
            outcome_men TEXT NOT NULL DEFAULT '',
            outcome_women TEXT NOT NULL DEFAULT '',
            previous TEXT NOT NULL DEFAULT '',
            forecast TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            kf_target TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            direction TEXT CHECK (direction IN ('higher', 'lower')),
            analys TEXT NOT NULL DEFAULT '',
            to_check TEXT NOT NULL DEFAULT '',
            reading_note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX indicators_goal ON indicators(goal_id, position);
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_date TEXT,
            end_date TEXT,
            deviation INTEGER NOT NULL DEFAULT 0,
            analys TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX activities_goal ON activities(goal_id, position);
        -- Every change, from any source, in the report's own terms.
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            source TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            goal_id INTEGER,
            subject TEXT NOT NULL,
            field TEXT NOT NULL,
            field_label TEXT NOT NULL,
            old TEXT,
            new TEXT
        );
        CREATE INDEX changes_report ON changes(report_id, id);
        CREATE INDEX changes_entity ON changes(entity, entity_id, field);
        CREATE TABLE app_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
"""


# Version 2: one full-text index over every text of every report, kept by triggers,
# so it is right after every change from any source. rowid = id * 4 + kind.
_TEXT_COLUMNS = {
    "goals": "title, analys, expected_result, description",
    "indicators": "name, analys",
    "activities": "text, analys",
    "sections": "title, body",
}
_KINDS = {"goals": 0, "indicators": 1, "activities": 2, "sections": 3}
_INDEXED = {
    "goals": (
        "new.title",
        "new.analys || char(10) || new.expected_result || char(10) || new.description",
        "new.report_id",
        "new.id",
    ),
    "indicators": (
        "new.name",
        "new.analys",
        "(SELECT report_id FROM goals WHERE id = new.goal_id)",
        "new.goal_id",
    ),
    "activities": (
        "new.text",
        "new.analys",
        "(SELECT report_id FROM goals WHERE id = new.goal_id)",
        "new.goal_id",
    ),
    "sections": ("new.title", "new.body", "new.report_id", "NULL"),
}


def _v2() -> str:
    sql = [
        "CREATE VIRTUAL TABLE search USING fts5("
        "title, body, kind UNINDEXED, entity_id UNINDEXED, report_id UNINDEXED, goal_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0');"
    ]
    for table, k in _KINDS.items():
        title, body, report, goal = _INDEXED[table]
        insert = (
            f"INSERT INTO search (rowid, title, body, kind, entity_id, report_id, goal_id) "
            f"VALUES (new.id * 4 + {k}, {title}, {body}, {k}, new.id, {report}, {goal});"
        )
        sql.append(f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert} END;")
        sql.append(
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF {_TEXT_COLUMNS[table]} ON {table} BEGIN "
            f"DELETE FROM search WHERE rowid = old.id * 4 + {k}; {insert} END;"
        )
        sql.append(
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search WHERE rowid = old.id * 4 + {k}; END;"
        )
        sql.append(
            f"INSERT INTO search (rowid, title, body, kind, entity_id, report_id, goal_id) "
            f"SELECT {insert.split('VALUES (')[1].rstrip(');').replace('new.', 't.')} "
            f"FROM {table} t;"
        )
    return "\n".join(sql)


# Version 3: drafts of texts being typed, kept apart from the saved text until the
# author says what to do with them (after a crash, the next start asks).
_V3 = """
CREATE TABLE drafts (
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    saved TEXT NOT NULL,  -- the saved text the draft started from
    at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
);
"""


# Version 4: reports carried forward. `carried_from` is the row an item was carried
# from (in an earlier report of the same file): stored, never inferred from names. It
# has no foreign key on purpose: ids are never reused (AUTOINCREMENT), so a link to a
# deleted row comes back when that row is restored, and deleting in one report never
# writes to another. `unreviewed` holds the carried fields the author has not looked
# at yet, as sorted comma-separated field names ('' when none).
_CARRIED = ("goals", "indicators", "activities", "sections")
_V4 = (
    "ALTER TABLE reports ADD COLUMN carried_from INTEGER REFERENCES reports(id) ON DELETE SET NULL;\n"
    + "".join(
        f"ALTER TABLE {t} ADD COLUMN carried_from INTEGER;\n"
        f"ALTER TABLE {t} ADD COLUMN unreviewed TEXT NOT NULL DEFAULT '';\n"
        for t in _CARRIED
    )
)


# Version 5: the undo step a change belongs to, so undo after a restart takes back a
# compound edit (a move with its renumbering, a paste) as the one step it was. `step` is
# the id of the first change written in the same transaction; NULL (earlier files, a
# report's creation) is a step of its own.
_V5 = "ALTER TABLE changes ADD COLUMN step INTEGER;\n"


# MIGRATIONS[i] takes a file from user_version i to i + 1.
# Each is one SQL script, run with the version bump in a single transaction: so far every
# step only adds tables, triggers or columns, which plain SQL does in place. A step that
# must rebuild a table (a changed constraint) is where sqlite-utils' Table.transform earns
# its place; it would run inside the same transaction.
MIGRATIONS: list[str] = [_V1 + f"PRAGMA application_id = {APPLICATION_ID};", _v2(), _V3, _V4, _V5]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION, one atomic step per version."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < SCHEMA_VERSION:
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[version]}\n"
                f"PRAGMA user_version = {version + 1};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version += 1
    return version
