"""Migration 0001: the whole record model of the first release.

Three kinds of table:
- entities (change field by field, merge last-writer-wins per field, tombstoned);
- events (append-only; a correction is a new row naming the one it voids or amends);
- local bookkeeping (change log/outbox, field clocks, sync cursor, quarantine,
  reference geography). Local tables never sync.

Enumerated values are checked in the domain, not with CHECK constraints, so that a
later release can add a value without rebuilding a table. Codes of places are text.
"""

from __future__ import annotations

import sqlite3
from typing import Any

ENTITY = """
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
"""


def event(table: str) -> str:
    return f"""
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES {table}(id),
  correction_kind TEXT,
  correction_reason TEXT,
"""


EVENT_CHECKS = """,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)"""


ENTITIES: dict[str, str] = {
    "campaign": """
  name TEXT NOT NULL,
  province_code TEXT NOT NULL,
  season TEXT,
  period_start TEXT NOT NULL,
  period_end TEXT,
  lead_org_id TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  closed_at TEXT,
  retention_days INTEGER
""",
    "app_user": """
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  facility_id TEXT
""",
    "device": """
  label TEXT NOT NULL,
  scope TEXT,
  enrolled_at TEXT
""",
    "organisation": """
  name_ar TEXT,
  name_fr TEXT,
  kind TEXT NOT NULL,
  legal_id TEXT,
  parent_id TEXT REFERENCES organisation(id),
  geo_code TEXT
""",
    "campaign_target": """
  geo_code TEXT NOT NULL,
  risk_level TEXT NOT NULL,
  target_households INTEGER,
  target_persons INTEGER,
  altitude_m INTEGER
""",
    "distribution_wave": """
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT
""",
    "cold_alert": """
  level TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  province_codes TEXT NOT NULL DEFAULT '[]',
  declared_by TEXT NOT NULL,
  note TEXT,
  lifted_at TEXT
""",
    "facility": """
  org_id TEXT REFERENCES organisation(id),
  name_ar TEXT,
  name_fr TEXT,
  kind TEXT NOT NULL,
  geo_code TEXT,
  capacity_beds INTEGER,
  sex_policy TEXT,
  opening_start TEXT,
  opening_end TEXT,
  auto_exit_nights INTEGER
""",
    "room": """
  facility_id TEXT NOT NULL REFERENCES facility(id),
  label TEXT NOT NULL,
  sex_restriction TEXT,
  age_group TEXT
""",
    "bed": """
  facility_id TEXT NOT NULL REFERENCES facility(id),
  room_id TEXT REFERENCES room(id),
  label TEXT NOT NULL,
  sex_restriction TEXT,
  age_group TEXT,
  is_overflow INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER
""",
    "item": """
  code TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  unit TEXT NOT NULL,
  category TEXT NOT NULL,
  size TEXT,
  sex TEXT,
  kcal_per_unit REAL
""",
    "kit_type": """
  code TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  per TEXT NOT NULL
""",
    "kit_component": """
  kit_type_id TEXT NOT NULL REFERENCES kit_type(id),
  item_id TEXT NOT NULL REFERENCES item(id),
  qty REAL NOT NULL
""",
    "entitlement_rule": """
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT REFERENCES item(id),
  kit_type_id TEXT REFERENCES kit_type(id),
  per TEXT NOT NULL,
  period TEXT NOT NULL,
  max_qty REAL,
  excludes_item_id TEXT REFERENCES item(id),
  active INTEGER NOT NULL DEFAULT 1
""",
    "stock_location": """
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  facility_id TEXT REFERENCES facility(id),
  vehicle_plate TEXT
""",
    "local_place": """
  name_ar TEXT,
  name_latn TEXT,
  parent_geo_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  approx_lat REAL,
  approx_lon REAL,
  status TEXT NOT NULL DEFAULT 'unreconciled',
  reconciled_code TEXT
""",
    "person": """
  given_name_ar TEXT,
  family_name_ar TEXT,
  given_name_latn TEXT,
  family_name_latn TEXT,
  known_as TEXT,
  name_quality TEXT NOT NULL,
  sex TEXT NOT NULL,
  dob TEXT,
  birth_year INTEGER,
  dob_quality TEXT NOT NULL,
  age_estimated_on TEXT,
  nationality TEXT,
  languages TEXT,
  origin_geo_code TEXT,
  province_code TEXT,
  cin_hash TEXT,
  cin_masked TEXT,
  cin_quality TEXT NOT NULL DEFAULT 'unknown',
  phone TEXT,
  beneficiary_code TEXT NOT NULL,
  created_anyway_of TEXT
""",
    "person_name_variant": """
  person_id TEXT NOT NULL REFERENCES person(id),
  script TEXT NOT NULL,
  value TEXT NOT NULL,
  kind TEXT NOT NULL
""",
    "identity_document": """
  person_id TEXT NOT NULL REFERENCES person(id),
  doc_type TEXT NOT NULL,
  number_hash TEXT,
  number_masked TEXT,
  doc_quality TEXT NOT NULL,
  seen_by TEXT,
  seen_at TEXT
""",
    "household": """
  head_person_id TEXT REFERENCES person(id),
  head_name TEXT,
  geo_code TEXT,
  local_place_id TEXT REFERENCES local_place(id),
  size_declared INTEGER,
  counts_by_sex_age TEXT,
  vulnerability_flags TEXT NOT NULL DEFAULT '[]',
  housing_type TEXT,
  beneficiary_code TEXT NOT NULL
""",
    "household_member": """
  household_id TEXT NOT NULL REFERENCES household(id),
  person_id TEXT NOT NULL REFERENCES person(id),
  relationship TEXT NOT NULL
""",
    "consent": """
  person_id TEXT NOT NULL REFERENCES person(id),
  purpose TEXT NOT NULL,
  given INTEGER NOT NULL CHECK (given IN (0, 1)),
  method TEXT NOT NULL,
  language TEXT,
  recorded_by TEXT NOT NULL,
  witness TEXT,
  given_on TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
""",
    "person_link": """
  person_a TEXT NOT NULL REFERENCES person(id),
  person_b TEXT NOT NULL REFERENCES person(id),
  score REAL,
  rule TEXT NOT NULL,
  reasons TEXT,
  decision TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  undone_at TEXT,
  undone_by TEXT
""",
    "stay": """
  person_id TEXT NOT NULL REFERENCES person(id),
  facility_id TEXT NOT NULL REFERENCES facility(id),
  bed_id TEXT REFERENCES bed(id),
  household_id TEXT REFERENCES household(id),
  entry_at TEXT NOT NULL,
  entry_route TEXT NOT NULL,
  exit_at TEXT,
  exit_destination TEXT,
  exit_note TEXT,
  date_of_engagement TEXT,
  encounter_id TEXT
""",
    "outreach_round": """
  kind TEXT NOT NULL,
  team_name TEXT,
  vehicle TEXT,
  zone TEXT,
  itinerary TEXT,
  members TEXT NOT NULL DEFAULT '[]',
  started_at TEXT NOT NULL,
  ended_at TEXT,
  min_temp_c REAL,
  stock_location_id TEXT REFERENCES stock_location(id)
""",
    "case_file": """
  person_id TEXT REFERENCES person(id),
  household_id TEXT REFERENCES household(id),
  opened_at TEXT NOT NULL,
  facility_id TEXT REFERENCES facility(id),
  window_name TEXT,
  caseworker_id TEXT,
  status TEXT NOT NULL,
  priority TEXT,
  closed_at TEXT,
  closure_reason TEXT
""",
    "intake_assessment": """
  case_id TEXT NOT NULL REFERENCES case_file(id),
  assessed_on TEXT NOT NULL,
  needs TEXT NOT NULL DEFAULT '[]',
  priority TEXT,
  summary TEXT,
  restricted_detail TEXT
""",
    "referral": """
  case_id TEXT NOT NULL REFERENCES case_file(id),
  from_org_id TEXT REFERENCES organisation(id),
  to_org_id TEXT REFERENCES organisation(id),
  to_facility_id TEXT REFERENCES facility(id),
  service_type TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  consent_id TEXT REFERENCES consent(id),
  status TEXT NOT NULL,
  feedback_on TEXT,
  outcome TEXT
""",
    "family_reintegration": """
  case_id TEXT NOT NULL REFERENCES case_file(id),
  contact_name TEXT,
  contact_relation TEXT,
  contact_phone TEXT,
  contact_place TEXT,
  status TEXT NOT NULL,
  reintegrated_on TEXT,
  check_30_due TEXT,
  check_90_due TEXT,
  items_given TEXT
""",
    "conflict": """
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  base_value TEXT,
  base_hlc TEXT,
  mine_value TEXT,
  mine_hlc TEXT NOT NULL,
  theirs_value TEXT,
  theirs_hlc TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  resolved_by TEXT,
  resolved_at TEXT,
  resolution_value TEXT
""",
    "review_item": """
  kind TEXT NOT NULL,
  subject_table TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  other_id TEXT,
  detail TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  decided_by TEXT,
  decided_at TEXT,
  decision_note TEXT
""",
}

EVENTS: dict[str, str] = {
    "bed_night": """
  stay_id TEXT NOT NULL REFERENCES stay(id),
  person_id TEXT NOT NULL REFERENCES person(id),
  facility_id TEXT NOT NULL REFERENCES facility(id),
  bed_id TEXT REFERENCES bed(id),
  night_date TEXT NOT NULL,
  recorded_late INTEGER NOT NULL DEFAULT 0
""",
    "encounter": """
  round_id TEXT REFERENCES outreach_round(id),
  person_id TEXT REFERENCES person(id),
  anon_sex TEXT,
  anon_age_band TEXT,
  occurred_at TEXT NOT NULL,
  geo_code TEXT,
  local_place_id TEXT REFERENCES local_place(id),
  living_situation TEXT,
  condition_flags TEXT NOT NULL DEFAULT '[]',
  shelter_offered INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,
  note TEXT
""",
    "service_delivery": """
  person_id TEXT REFERENCES person(id),
  stay_id TEXT REFERENCES stay(id),
  encounter_id TEXT REFERENCES encounter(id),
  facility_id TEXT REFERENCES facility(id),
  service_type TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  quantity REAL NOT NULL DEFAULT 1,
  item_id TEXT REFERENCES item(id),
  provider_org_id TEXT REFERENCES organisation(id),
  note TEXT
""",
    "health_observation": """
  person_id TEXT NOT NULL REFERENCES person(id),
  observed_on TEXT NOT NULL,
  category TEXT NOT NULL,
  text TEXT,
  urgent INTEGER NOT NULL DEFAULT 0
""",
    "distribution_event": """
  round_id TEXT REFERENCES outreach_round(id),
  geo_code TEXT,
  local_place_id TEXT REFERENCES local_place(id),
  occurred_on TEXT NOT NULL,
  distribution_point TEXT,
  authority_present TEXT,
  access_mode TEXT,
  risk_level TEXT,
  wave_id TEXT REFERENCES distribution_wave(id),
  note TEXT
""",
    "distribution_line": """
  event_id TEXT NOT NULL REFERENCES distribution_event(id),
  household_id TEXT REFERENCES household(id),
  person_id TEXT REFERENCES person(id),
  kit_type_id TEXT REFERENCES kit_type(id),
  item_id TEXT REFERENCES item(id),
  qty REAL NOT NULL,
  received_by TEXT,
  proof TEXT,
  cin_seen INTEGER NOT NULL DEFAULT 0,
  override_id TEXT,
  CHECK ((kit_type_id IS NULL) <> (item_id IS NULL))
""",
    "tally": """
  event_id TEXT REFERENCES distribution_event(id),
  round_id TEXT REFERENCES outreach_round(id),
  occurred_at TEXT NOT NULL,
  geo_code TEXT,
  households INTEGER NOT NULL DEFAULT 0,
  male_0_17 INTEGER NOT NULL DEFAULT 0,
  female_0_17 INTEGER NOT NULL DEFAULT 0,
  male_18_59 INTEGER NOT NULL DEFAULT 0,
  female_18_59 INTEGER NOT NULL DEFAULT 0,
  male_60_plus INTEGER NOT NULL DEFAULT 0,
  female_60_plus INTEGER NOT NULL DEFAULT 0,
  unknown_sex_age INTEGER NOT NULL DEFAULT 0
""",
    "tally_item": """
  tally_id TEXT NOT NULL REFERENCES tally(id),
  item_id TEXT REFERENCES item(id),
  kit_type_id TEXT REFERENCES kit_type(id),
  qty REAL NOT NULL,
  CHECK ((kit_type_id IS NULL) <> (item_id IS NULL))
""",
    "stock_movement": """
  item_id TEXT NOT NULL REFERENCES item(id),
  qty REAL NOT NULL,
  movement_type TEXT NOT NULL,
  from_location_id TEXT REFERENCES stock_location(id),
  to_location_id TEXT REFERENCES stock_location(id),
  occurred_at TEXT NOT NULL,
  round_id TEXT REFERENCES outreach_round(id),
  event_id TEXT REFERENCES distribution_event(id),
  reference TEXT,
  lot TEXT,
  expiry TEXT
""",
    "follow_up": """
  case_id TEXT NOT NULL REFERENCES case_file(id),
  kind TEXT NOT NULL DEFAULT 'regular',
  occurred_on TEXT NOT NULL,
  mode TEXT NOT NULL,
  outcome TEXT,
  status_summary TEXT,
  next_date TEXT
""",
    "mediation_step": """
  reintegration_id TEXT NOT NULL REFERENCES family_reintegration(id),
  occurred_on TEXT NOT NULL,
  step TEXT NOT NULL,
  outcome TEXT,
  note TEXT
""",
    "case_note": """
  case_id TEXT NOT NULL REFERENCES case_file(id),
  visibility TEXT NOT NULL,
  text TEXT NOT NULL,
  written_at TEXT NOT NULL
""",
    "entitlement_override": """
  rule_id TEXT REFERENCES entitlement_rule(id),
  person_id TEXT REFERENCES person(id),
  household_id TEXT REFERENCES household(id),
  earlier_record_id TEXT,
  reason TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  occurred_at TEXT NOT NULL
""",
    "audit_entry": """
  seq INTEGER NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  table_name TEXT,
  row_id TEXT,
  detail TEXT,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
""",
}

INDEXES = [
    "CREATE INDEX ix_person_sex_year ON person(sex, birth_year)",
    "CREATE INDEX ix_person_code ON person(beneficiary_code)",
    "CREATE INDEX ix_household_geo ON household(geo_code)",
    "CREATE INDEX ix_household_code ON household(beneficiary_code)",
    "CREATE INDEX ix_household_member_hh ON household_member(household_id)",
    "CREATE INDEX ix_household_member_person ON household_member(person_id)",
    "CREATE INDEX ix_consent_person ON consent(person_id, purpose)",
    "CREATE INDEX ix_person_link_a ON person_link(person_a)",
    "CREATE INDEX ix_person_link_b ON person_link(person_b)",
    "CREATE INDEX ix_stay_person ON stay(person_id, exit_at)",
    "CREATE INDEX ix_stay_facility ON stay(facility_id, exit_at)",
    "CREATE INDEX ix_bed_facility ON bed(facility_id)",
    "CREATE INDEX ix_bed_night_stay ON bed_night(stay_id, night_date)",
    "CREATE INDEX ix_bed_night_facility ON bed_night(facility_id, night_date)",
    "CREATE INDEX ix_service_person ON service_delivery(person_id, delivered_at)",
    "CREATE INDEX ix_service_stay ON service_delivery(stay_id)",
    "CREATE INDEX ix_encounter_round ON encounter(round_id)",
    "CREATE INDEX ix_encounter_person ON encounter(person_id)",
    "CREATE INDEX ix_distribution_event_geo ON distribution_event(geo_code, occurred_on)",
    "CREATE INDEX ix_distribution_line_event ON distribution_line(event_id)",
    "CREATE INDEX ix_distribution_line_household ON distribution_line(household_id)",
    "CREATE INDEX ix_distribution_line_person ON distribution_line(person_id)",
    "CREATE INDEX ix_tally_item_tally ON tally_item(tally_id)",
    "CREATE INDEX ix_stock_movement_item ON stock_movement(item_id)",
    "CREATE INDEX ix_case_person ON case_file(person_id)",
    "CREATE INDEX ix_follow_up_case ON follow_up(case_id, occurred_on)",
    "CREATE INDEX ix_case_note_case ON case_note(case_id)",
    "CREATE INDEX ix_referral_case ON referral(case_id)",
    "CREATE INDEX ix_conflict_status ON conflict(status)",
    "CREATE INDEX ix_review_status ON review_item(status, kind)",
    "CREATE INDEX ix_audit_seq ON audit_entry(device_id, seq)",
    "CREATE INDEX ix_campaign_target_geo ON campaign_target(geo_code)",
    "CREATE INDEX ix_kit_component_kit ON kit_component(kit_type_id)",
]

# Event tables are corrected by later rows; this index finds the correction of a row.
CORRECTION_INDEXES = [f"CREATE INDEX ix_{t}_corrects ON {t}(corrects_id)" for t in EVENTS]

LOCAL = [
    """CREATE TABLE app_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT""",
    # Every change applied to this replica, local or pulled. The outbox is the view of
    # local changes not yet acknowledged by the server. A change's id is its
    # idempotency key on the server and on every replica.
    """CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  change_id TEXT NOT NULL UNIQUE,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL,
  field TEXT,
  value TEXT,
  hlc TEXT NOT NULL,
  base_hlc TEXT,
  device_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  origin TEXT NOT NULL,
  push_state TEXT,
  server_seq INTEGER
) STRICT""",
    "CREATE INDEX ix_change_log_pending ON change_log(seq) WHERE push_state = 'pending'",
    "CREATE INDEX ix_change_log_row ON change_log(table_name, row_id)",
    """CREATE VIEW outbox AS
  SELECT * FROM change_log WHERE origin = 'local' AND push_state = 'pending'""",
    # The stamp of each entity field changed after the row was created; a field with
    # no row here carries the row's creation stamp (see storage.changes).
    """CREATE TABLE field_clock (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id, field)
) STRICT, WITHOUT ROWID""",
    """CREATE TABLE sync_state (
  server_url TEXT PRIMARY KEY NOT NULL,
  cursor INTEGER NOT NULL DEFAULT 0,
  last_push_at TEXT,
  last_pull_at TEXT,
  last_error TEXT
) STRICT""",
    """CREATE TABLE quarantine (
  change_id TEXT PRIMARY KEY NOT NULL,
  direction TEXT NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL,
  released_at TEXT
) STRICT""",
    """CREATE TABLE geo_unit (
  code TEXT PRIMARY KEY NOT NULL,
  level TEXT NOT NULL,
  parent_code TEXT,
  unit_type TEXT,
  region_code TEXT,
  province_code TEXT,
  commune_code TEXT,
  name_ar TEXT NOT NULL,
  name_fr TEXT,
  settlement_type TEXT,
  population_2024 INTEGER,
  households_2024 INTEGER,
  details_withheld INTEGER NOT NULL DEFAULT 0
) STRICT""",
    "CREATE INDEX ix_geo_parent ON geo_unit(parent_code)",
    "CREATE INDEX ix_geo_level_province ON geo_unit(level, province_code)",
    # Folded and romanised name keys of places and local places; trigram so that a
    # part of a name typed in either script finds it.
    """CREATE VIRTUAL TABLE geo_search USING fts5(
  code UNINDEXED, kind UNINDEXED, keys, tokenize = 'trigram'
)""",
]


# Staff and devices outlive a campaign, so their campaign is optional.
CAMPAIGN_OPTIONAL = {"app_user", "device"}


def _entity_ddl(table: str, columns: str) -> str:
    common = ENTITY
    if table in CAMPAIGN_OPTIONAL:
        common = common.replace("campaign_id TEXT NOT NULL", "campaign_id TEXT")
    return f"CREATE TABLE {table} ({common}{columns.strip()}\n) STRICT"


def _event_ddl(table: str, columns: str) -> str:
    return f"CREATE TABLE {table} ({event(table)}{columns.strip()}{EVENT_CHECKS}\n) STRICT"


def statements() -> list[str]:
    # campaign must exist before the tables that reference it.
    ddl = [_entity_ddl(t, c) for t, c in ENTITIES.items()]
    ddl += [_event_ddl(t, c) for t, c in EVENTS.items()]
    return ddl + INDEXES + CORRECTION_INDEXES + LOCAL


def migrate(db: Any) -> None:
    for sql in statements():
        assert sqlite3.complete_statement(sql + ";"), sql
        db.execute(sql)
