-- index idx__sqlite_migrations_migration_set_name
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

-- index ix_audit_entry_corrects
CREATE INDEX ix_audit_entry_corrects ON audit_entry(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_audit_seq
CREATE INDEX ix_audit_seq ON audit_entry(device_id, seq);

-- index ix_bed_facility
CREATE INDEX ix_bed_facility ON bed(facility_id);

-- index ix_bed_night_corrects
CREATE INDEX ix_bed_night_corrects ON bed_night(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_bed_night_facility
CREATE INDEX ix_bed_night_facility ON bed_night(facility_id, night_date);

-- index ix_bed_night_period
CREATE INDEX ix_bed_night_period ON bed_night(campaign_id, night_date, facility_id, person_id, correction_kind, id);

-- index ix_bed_night_stay
CREATE INDEX ix_bed_night_stay ON bed_night(stay_id, night_date);

-- index ix_campaign_target_geo
CREATE INDEX ix_campaign_target_geo ON campaign_target(geo_code);

-- index ix_case_note_case
CREATE INDEX ix_case_note_case ON case_note(case_id);

-- index ix_case_note_corrects
CREATE INDEX ix_case_note_corrects ON case_note(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_case_person
CREATE INDEX ix_case_person ON case_file(person_id);

-- index ix_change_log_hlc
CREATE INDEX ix_change_log_hlc ON change_log(hlc);

-- index ix_change_log_outbox
CREATE INDEX ix_change_log_outbox ON change_log(table_name, seq) WHERE origin = 'local' AND push_state = 'pending';

-- index ix_change_log_pending
CREATE INDEX ix_change_log_pending ON change_log(seq) WHERE push_state = 'pending';

-- index ix_change_log_row
CREATE INDEX ix_change_log_row ON change_log(table_name, row_id);

-- index ix_conflict_status
CREATE INDEX ix_conflict_status ON conflict(status);

-- index ix_consent_person
CREATE INDEX ix_consent_person ON consent(person_id, purpose);

-- index ix_distribution_event_corrects
CREATE INDEX ix_distribution_event_corrects ON distribution_event(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_distribution_event_geo
CREATE INDEX ix_distribution_event_geo ON distribution_event(geo_code, occurred_on);

-- index ix_distribution_event_period
CREATE INDEX ix_distribution_event_period ON distribution_event(id, occurred_on, geo_code, correction_kind);

-- index ix_distribution_line_corrects
CREATE INDEX ix_distribution_line_corrects ON distribution_line(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_distribution_line_event
CREATE INDEX ix_distribution_line_event ON distribution_line(event_id);

-- index ix_distribution_line_household
CREATE INDEX ix_distribution_line_household ON distribution_line(household_id, event_id, kit_type_id, item_id, qty, correction_kind, id);

-- index ix_distribution_line_period
CREATE INDEX ix_distribution_line_period ON distribution_line(campaign_id, event_id, household_id, person_id, item_id, kit_type_id, qty, correction_kind, id);

-- index ix_distribution_line_person
CREATE INDEX ix_distribution_line_person ON distribution_line(person_id, event_id, kit_type_id, item_id, qty, correction_kind, id);

-- index ix_encounter_corrects
CREATE INDEX ix_encounter_corrects ON encounter(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_encounter_person
CREATE INDEX ix_encounter_person ON encounter(person_id);

-- index ix_encounter_round
CREATE INDEX ix_encounter_round ON encounter(round_id);

-- index ix_entitlement_override_corrects
CREATE INDEX ix_entitlement_override_corrects ON entitlement_override(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_follow_up_case
CREATE INDEX ix_follow_up_case ON follow_up(case_id, occurred_on);

-- index ix_follow_up_corrects
CREATE INDEX ix_follow_up_corrects ON follow_up(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_geo_level_province
CREATE INDEX ix_geo_level_province ON geo_unit(level, province_code);

-- index ix_geo_parent
CREATE INDEX ix_geo_parent ON geo_unit(parent_code);

-- index ix_health_observation_corrects
CREATE INDEX ix_health_observation_corrects ON health_observation(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_household_code
CREATE INDEX ix_household_code ON household(beneficiary_code);

-- index ix_household_geo
CREATE INDEX ix_household_geo ON household(geo_code);

-- index ix_household_member_hh
CREATE INDEX ix_household_member_hh ON household_member(household_id, deleted, person_id);

-- index ix_household_member_person
CREATE INDEX ix_household_member_person ON household_member(person_id);

-- index ix_household_reach
CREATE INDEX ix_household_reach ON household(id, deleted, geo_code, size_declared, counts_by_sex_age);

-- index ix_kit_component_kit
CREATE INDEX ix_kit_component_kit ON kit_component(kit_type_id);

-- index ix_mediation_step_corrects
CREATE INDEX ix_mediation_step_corrects ON mediation_step(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_person_block_blocking
CREATE INDEX ix_person_block_blocking ON person_block(person_id, sex, birth_year, province_code);

-- index ix_person_block_sex_year
CREATE INDEX ix_person_block_sex_year ON person_block(sex, birth_year);

-- index ix_person_code
CREATE INDEX ix_person_code ON person(beneficiary_code);

-- index ix_person_key_key
CREATE INDEX ix_person_key_key ON person_key(key, person_id);

-- index ix_person_key_person
CREATE INDEX ix_person_key_person ON person_key(person_id);

-- index ix_person_link_a
CREATE INDEX ix_person_link_a ON person_link(person_a);

-- index ix_person_link_b
CREATE INDEX ix_person_link_b ON person_link(person_b);

-- index ix_person_live
CREATE INDEX ix_person_live ON person(id, deleted);

-- index ix_person_sex_year
CREATE INDEX ix_person_sex_year ON person(sex, birth_year);

-- index ix_referral_case
CREATE INDEX ix_referral_case ON referral(case_id);

-- index ix_review_status
CREATE INDEX ix_review_status ON review_item(status, kind);

-- index ix_service_delivery_corrects
CREATE INDEX ix_service_delivery_corrects ON service_delivery(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_service_delivery_period
CREATE INDEX ix_service_delivery_period ON service_delivery(campaign_id, service_type, encounter_id, stay_id, item_id, facility_id, person_id, delivered_at, quantity, correction_kind, id);

-- index ix_service_person
CREATE INDEX ix_service_person ON service_delivery(person_id, delivered_at);

-- index ix_service_stay
CREATE INDEX ix_service_stay ON service_delivery(stay_id);

-- index ix_stay_facility
CREATE INDEX ix_stay_facility ON stay(facility_id, exit_at);

-- index ix_stay_person
CREATE INDEX ix_stay_person ON stay(person_id, exit_at);

-- index ix_stock_movement_corrects
CREATE INDEX ix_stock_movement_corrects ON stock_movement(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_stock_movement_item
CREATE INDEX ix_stock_movement_item ON stock_movement(item_id);

-- index ix_tally_corrects
CREATE INDEX ix_tally_corrects ON tally(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_tally_item_corrects
CREATE INDEX ix_tally_item_corrects ON tally_item(corrects_id) WHERE corrects_id IS NOT NULL;

-- index ix_tally_item_tally
CREATE INDEX ix_tally_item_tally ON tally_item(tally_id);

-- table _sqlite_migrations
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);

-- table app_meta
CREATE TABLE app_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

-- table app_user
CREATE TABLE app_user (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  facility_id TEXT
) STRICT;

-- table audit_entry
CREATE TABLE audit_entry (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES audit_entry(id),
  correction_kind TEXT,
  correction_reason TEXT,
  seq INTEGER NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  action TEXT NOT NULL,
  table_name TEXT,
  row_id TEXT,
  detail TEXT,
  at TEXT NOT NULL,
  stamp TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  CHECK (corrects_id IS NULL)
) STRICT;

-- table bed
CREATE TABLE bed (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
facility_id TEXT NOT NULL REFERENCES facility(id),
  room_id TEXT REFERENCES room(id),
  label TEXT NOT NULL,
  sex_restriction TEXT,
  age_group TEXT,
  is_overflow INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER
) STRICT;

-- table bed_night
CREATE TABLE bed_night (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES bed_night(id),
  correction_kind TEXT,
  correction_reason TEXT,
stay_id TEXT NOT NULL REFERENCES stay(id),
  person_id TEXT NOT NULL REFERENCES person(id),
  facility_id TEXT NOT NULL REFERENCES facility(id),
  bed_id TEXT REFERENCES bed(id),
  night_date TEXT NOT NULL,
  recorded_late INTEGER NOT NULL DEFAULT 0,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table campaign
CREATE TABLE campaign (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
name TEXT NOT NULL,
  province_code TEXT NOT NULL,
  season TEXT,
  period_start TEXT NOT NULL,
  period_end TEXT,
  lead_org_id TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  closed_at TEXT,
  retention_days INTEGER
) STRICT;

-- table campaign_target
CREATE TABLE campaign_target (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
geo_code TEXT NOT NULL,
  risk_level TEXT NOT NULL,
  target_households INTEGER,
  target_persons INTEGER,
  altitude_m INTEGER
) STRICT;

-- table case_file
CREATE TABLE case_file (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table case_note
CREATE TABLE case_note (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES case_note(id),
  correction_kind TEXT,
  correction_reason TEXT,
case_id TEXT NOT NULL REFERENCES case_file(id),
  visibility TEXT NOT NULL,
  text TEXT NOT NULL,
  written_at TEXT NOT NULL,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table change_log
CREATE TABLE change_log (
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
) STRICT;

-- table cold_alert
CREATE TABLE cold_alert (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
level TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  province_codes TEXT NOT NULL DEFAULT '[]',
  declared_by TEXT NOT NULL,
  note TEXT,
  lifted_at TEXT
) STRICT;

-- table conflict
CREATE TABLE conflict (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table consent
CREATE TABLE consent (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table device
CREATE TABLE device (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
label TEXT NOT NULL,
  scope TEXT,
  enrolled_at TEXT
) STRICT;

-- table distribution_event
CREATE TABLE distribution_event (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES distribution_event(id),
  correction_kind TEXT,
  correction_reason TEXT,
round_id TEXT REFERENCES outreach_round(id),
  geo_code TEXT,
  local_place_id TEXT REFERENCES local_place(id),
  occurred_on TEXT NOT NULL,
  distribution_point TEXT,
  authority_present TEXT,
  access_mode TEXT,
  risk_level TEXT,
  wave_id TEXT REFERENCES distribution_wave(id),
  note TEXT,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table distribution_line
CREATE TABLE distribution_line (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES distribution_line(id),
  correction_kind TEXT,
  correction_reason TEXT,
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
  CHECK ((kit_type_id IS NULL) <> (item_id IS NULL)),
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table distribution_wave
CREATE TABLE distribution_wave (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT
) STRICT;

-- table encounter
CREATE TABLE encounter (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES encounter(id),
  correction_kind TEXT,
  correction_reason TEXT,
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
  note TEXT,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table entitlement_override
CREATE TABLE entitlement_override (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES entitlement_override(id),
  correction_kind TEXT,
  correction_reason TEXT,
rule_id TEXT REFERENCES entitlement_rule(id),
  person_id TEXT REFERENCES person(id),
  household_id TEXT REFERENCES household(id),
  earlier_record_id TEXT,
  reason TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table entitlement_rule
CREATE TABLE entitlement_rule (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
code TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT REFERENCES item(id),
  kit_type_id TEXT REFERENCES kit_type(id),
  per TEXT NOT NULL,
  period TEXT NOT NULL,
  max_qty REAL,
  excludes_item_id TEXT REFERENCES item(id),
  active INTEGER NOT NULL DEFAULT 1
) STRICT;

-- table facility
CREATE TABLE facility (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table family_reintegration
CREATE TABLE family_reintegration (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table field_clock
CREATE TABLE field_clock (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id, field)
) STRICT, WITHOUT ROWID;

-- table follow_up
CREATE TABLE follow_up (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES follow_up(id),
  correction_kind TEXT,
  correction_reason TEXT,
case_id TEXT NOT NULL REFERENCES case_file(id),
  kind TEXT NOT NULL DEFAULT 'regular',
  occurred_on TEXT NOT NULL,
  mode TEXT NOT NULL,
  outcome TEXT,
  status_summary TEXT,
  next_date TEXT,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table geo_search
CREATE VIRTUAL TABLE geo_search USING fts5(
  code UNINDEXED, kind UNINDEXED, keys, tokenize = 'trigram'
);

-- table geo_search_config
CREATE TABLE 'geo_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table geo_search_content
CREATE TABLE 'geo_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2);

-- table geo_search_data
CREATE TABLE 'geo_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table geo_search_docsize
CREATE TABLE 'geo_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table geo_search_idx
CREATE TABLE 'geo_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table geo_unit
CREATE TABLE geo_unit (
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
) STRICT;

-- table health_observation
CREATE TABLE health_observation (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES health_observation(id),
  correction_kind TEXT,
  correction_reason TEXT,
person_id TEXT NOT NULL REFERENCES person(id),
  observed_on TEXT NOT NULL,
  category TEXT NOT NULL,
  text TEXT,
  urgent INTEGER NOT NULL DEFAULT 0,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table household
CREATE TABLE household (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
head_person_id TEXT REFERENCES person(id),
  head_name TEXT,
  geo_code TEXT,
  local_place_id TEXT REFERENCES local_place(id),
  size_declared INTEGER,
  counts_by_sex_age TEXT,
  vulnerability_flags TEXT NOT NULL DEFAULT '[]',
  housing_type TEXT,
  beneficiary_code TEXT NOT NULL
) STRICT;

-- table household_member
CREATE TABLE household_member (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
household_id TEXT NOT NULL REFERENCES household(id),
  person_id TEXT NOT NULL REFERENCES person(id),
  relationship TEXT NOT NULL
) STRICT;

-- table identity_document
CREATE TABLE identity_document (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
person_id TEXT NOT NULL REFERENCES person(id),
  doc_type TEXT NOT NULL,
  number_hash TEXT,
  number_masked TEXT,
  doc_quality TEXT NOT NULL,
  seen_by TEXT,
  seen_at TEXT
) STRICT;

-- table intake_assessment
CREATE TABLE intake_assessment (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
case_id TEXT NOT NULL REFERENCES case_file(id),
  assessed_on TEXT NOT NULL,
  needs TEXT NOT NULL DEFAULT '[]',
  priority TEXT,
  summary TEXT,
  restricted_detail TEXT
) STRICT;

-- table item
CREATE TABLE item (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
code TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  unit TEXT NOT NULL,
  category TEXT NOT NULL,
  size TEXT,
  sex TEXT,
  kcal_per_unit REAL
) STRICT;

-- table kit_component
CREATE TABLE kit_component (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
kit_type_id TEXT NOT NULL REFERENCES kit_type(id),
  item_id TEXT NOT NULL REFERENCES item(id),
  qty REAL NOT NULL
) STRICT;

-- table kit_type
CREATE TABLE kit_type (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
code TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  per TEXT NOT NULL
) STRICT;

-- table local_place
CREATE TABLE local_place (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
name_ar TEXT,
  name_latn TEXT,
  parent_geo_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  approx_lat REAL,
  approx_lon REAL,
  status TEXT NOT NULL DEFAULT 'unreconciled',
  reconciled_code TEXT
) STRICT;

-- table mediation_step
CREATE TABLE mediation_step (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES mediation_step(id),
  correction_kind TEXT,
  correction_reason TEXT,
reintegration_id TEXT NOT NULL REFERENCES family_reintegration(id),
  occurred_on TEXT NOT NULL,
  step TEXT NOT NULL,
  outcome TEXT,
  note TEXT,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table organisation
CREATE TABLE organisation (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
name_ar TEXT,
  name_fr TEXT,
  kind TEXT NOT NULL,
  legal_id TEXT,
  parent_id TEXT REFERENCES organisation(id),
  geo_code TEXT
) STRICT;

-- table outreach_round
CREATE TABLE outreach_round (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table person
CREATE TABLE person (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table person_block
CREATE TABLE person_block (
  person_id TEXT PRIMARY KEY NOT NULL,
  sex TEXT,
  birth_year INTEGER,
  province_code TEXT
) STRICT;

-- table person_key
CREATE TABLE person_key (
  person_id TEXT NOT NULL,
  key TEXT NOT NULL
) STRICT;

-- table person_link
CREATE TABLE person_link (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table person_name_variant
CREATE TABLE person_name_variant (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
person_id TEXT NOT NULL REFERENCES person(id),
  script TEXT NOT NULL,
  value TEXT NOT NULL,
  kind TEXT NOT NULL
) STRICT;

-- table quarantine
CREATE TABLE quarantine (
  change_id TEXT PRIMARY KEY NOT NULL,
  direction TEXT NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL,
  released_at TEXT
) STRICT;

-- table referral
CREATE TABLE referral (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table review_item
CREATE TABLE review_item (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
kind TEXT NOT NULL,
  subject_table TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  other_id TEXT,
  detail TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  decided_by TEXT,
  decided_at TEXT,
  decision_note TEXT
) STRICT;

-- table room
CREATE TABLE room (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
facility_id TEXT NOT NULL REFERENCES facility(id),
  label TEXT NOT NULL,
  sex_restriction TEXT,
  age_group TEXT
) STRICT;

-- table service_delivery
CREATE TABLE service_delivery (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES service_delivery(id),
  correction_kind TEXT,
  correction_reason TEXT,
person_id TEXT REFERENCES person(id),
  stay_id TEXT REFERENCES stay(id),
  encounter_id TEXT REFERENCES encounter(id),
  facility_id TEXT REFERENCES facility(id),
  service_type TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  quantity REAL NOT NULL DEFAULT 1,
  item_id TEXT REFERENCES item(id),
  provider_org_id TEXT REFERENCES organisation(id),
  note TEXT,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table stay
CREATE TABLE stay (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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
) STRICT;

-- table stock_location
CREATE TABLE stock_location (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
kind TEXT NOT NULL,
  name TEXT NOT NULL,
  facility_id TEXT REFERENCES facility(id),
  vehicle_plate TEXT
) STRICT;

-- table stock_movement
CREATE TABLE stock_movement (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES stock_movement(id),
  correction_kind TEXT,
  correction_reason TEXT,
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
  expiry TEXT,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table sync_state
CREATE TABLE sync_state (
  server_url TEXT PRIMARY KEY NOT NULL,
  cursor INTEGER NOT NULL DEFAULT 0,
  last_push_at TEXT,
  last_pull_at TEXT,
  last_error TEXT
) STRICT;

-- table tally
CREATE TABLE tally (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES tally(id),
  correction_kind TEXT,
  correction_reason TEXT,
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
  unknown_sex_age INTEGER NOT NULL DEFAULT 0,
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- table tally_item
CREATE TABLE tally_item (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES tally_item(id),
  correction_kind TEXT,
  correction_reason TEXT,
tally_id TEXT NOT NULL REFERENCES tally(id),
  item_id TEXT REFERENCES item(id),
  kit_type_id TEXT REFERENCES kit_type(id),
  qty REAL NOT NULL,
  CHECK ((kit_type_id IS NULL) <> (item_id IS NULL)),
  CHECK ((corrects_id IS NULL) = (correction_kind IS NULL)),
  CHECK (correction_kind IS NULL OR correction_reason IS NOT NULL)
) STRICT;

-- view outbox
CREATE VIEW outbox AS
  SELECT * FROM change_log WHERE origin = 'local' AND push_state = 'pending';
