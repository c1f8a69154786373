"""Local search index of people for duplicate detection (derived, never synced).

`person_key` holds the folded and phonetic keys of every name of a person
(text_folding.search_keys); `person_block` holds the blocking fields (sex, birth
year, province) so that candidate lookup does not scan the person table. Both
are rebuilt from synced rows, so they carry no hlc and the catalog skips them.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = [
    """CREATE TABLE person_key (
  person_id TEXT NOT NULL,
  key TEXT NOT NULL
) STRICT""",
    "CREATE INDEX ix_person_key_key ON person_key(key)",
    "CREATE INDEX ix_person_key_person ON person_key(person_id)",
    """CREATE TABLE person_block (
  person_id TEXT PRIMARY KEY NOT NULL,
  sex TEXT,
  birth_year INTEGER,
  province_code TEXT
) STRICT""",
    "CREATE INDEX ix_person_block_sex_year ON person_block(sex, birth_year)",
]


def migrate(db: Any) -> None:
    for sql in STATEMENTS:
        db.execute(sql)
