#include "core/store/Migrations.h"

#include <string>

#include "core/store/Database.h"
#include "core/store/FieldVersions.h"
#include "core/store/SearchIndex.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::store {
namespace {

// v1: replication base (site identity, change log) and the resident registry.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE site_meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every write to a replicated table appends here in the same transaction
-- (ARCHITECTURE.md, Replication: change capture). seq is gap-free per site.
CREATE TABLE change_log(
    site   TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    hlc    INTEGER NOT NULL,
    tbl    TEXT    NOT NULL,
    row_id TEXT    NOT NULL,
    op     TEXT    NOT NULL CHECK (op IN ('insert', 'update')),
    fields TEXT    NOT NULL,
    user   TEXT    NOT NULL,
    PRIMARY KEY (site, seq)
);  -- a rowid table: entries are large, WITHOUT ROWID would spill them into overflow pages
CREATE INDEX change_log_row ON change_log(tbl, row_id);

-- Reference data, not replicated: GB/T 2260 / NBS division codes padded to 12 digits.
CREATE TABLE division(
    code   TEXT PRIMARY KEY,
    parent TEXT,
    level  TEXT NOT NULL,
    name   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX division_parent ON division(parent);

-- 个人基本信息表 (shared/domain/records.md). Lists are JSON arrays of codes/objects.
CREATE TABLE resident(
    rid                 INTEGER PRIMARY KEY,  -- local row number (search index); never replicated
    id                  TEXT NOT NULL UNIQUE,
    archive_no          TEXT NOT NULL UNIQUE,
    village_code        TEXT NOT NULL,
    name                TEXT NOT NULL,
    sex                 TEXT NOT NULL,
    birth_date          TEXT NOT NULL,
    id_number           TEXT,
    employer            TEXT,
    phone               TEXT,
    contact_name        TEXT,
    contact_phone       TEXT,
    residence_type      TEXT,
    ethnicity           TEXT,
    blood_type          TEXT,
    rh_negative         TEXT,
    education           TEXT,
    occupation          TEXT,
    marital_status      TEXT,
    payment             TEXT,
    payment_other       TEXT,
    drug_allergy        TEXT,
    drug_allergy_other  TEXT,
    exposure            TEXT,
    past_diseases       TEXT,
    surgeries           TEXT,
    injuries            TEXT,
    transfusions        TEXT,
    family_history      TEXT,
    hereditary_disease  TEXT,
    disability          TEXT,
    disability_other    TEXT,
    kitchen_ventilation TEXT,
    fuel                TEXT,
    water               TEXT,
    toilet              TEXT,
    animal_pen          TEXT,
    status              TEXT NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'moved', 'dead', 'lost')),
    status_date         TEXT,
    status_reason       TEXT,
    created_on          TEXT NOT NULL,
    updated_on          TEXT NOT NULL,
    created_site        TEXT NOT NULL
);
-- Not UNIQUE: two offline sites may register the same person; the hub merges them.
CREATE INDEX resident_id_number ON resident(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX resident_identity ON resident(village_code, name, sex, birth_date);

CREATE TABLE household(
    id           TEXT PRIMARY KEY,
    village_code TEXT NOT NULL,
    address      TEXT NOT NULL,
    head_id      TEXT REFERENCES resident(id) DEFERRABLE INITIALLY DEFERRED,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_on   TEXT NOT NULL
);
CREATE INDEX household_village ON household(village_code);
CREATE INDEX household_head ON household(head_id);

-- Membership history: moving a person closes one row (left_on) and opens another.
CREATE TABLE household_member(
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES household(id) DEFERRABLE INITIALLY DEFERRED,
    resident_id  TEXT NOT NULL REFERENCES resident(id) DEFERRABLE INITIALLY DEFERRED,
    relation     TEXT NOT NULL,
    joined_on    TEXT NOT NULL,
    left_on      TEXT,
    left_reason  TEXT
);
CREATE INDEX household_member_resident ON household_member(resident_id);
CREATE INDEX household_member_household ON household_member(household_id);

-- Archive-number serial blocks held by this site (docs/decisions.md, archive numbers).
CREATE TABLE archive_block(
    village_code TEXT    NOT NULL,
    first_serial INTEGER NOT NULL,
    last_serial  INTEGER NOT NULL,
    next_serial  INTEGER NOT NULL,
    granted_by   TEXT    NOT NULL,
    PRIMARY KEY (village_code, first_serial)
) WITHOUT ROWID;
-- The ledger of blocks this site granted when it is the numbering authority.
CREATE TABLE archive_grant(
    village_code TEXT    NOT NULL,
    first_serial INTEGER NOT NULL,
    last_serial  INTEGER NOT NULL,
    site_id      TEXT    NOT NULL,
    granted_on   TEXT    NOT NULL,
    PRIMARY KEY (village_code, first_serial)
) WITHOUT ROWID;
)sql";

// v2: the local search index (derived, never replicated), filled from existing rows.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE search_key(
    key TEXT    NOT NULL,  -- kind letter + text, see SearchIndex.cpp
    rid INTEGER NOT NULL,  -- resident.rid (local)
    PRIMARY KEY (key, rid)
) WITHOUT ROWID;
CREATE INDEX search_key_resident ON search_key(rid);
)sql";

// v3: field versions for conflict detection (docs/sync-design.md): a hidden `fv` column on
// every replicated table and the replaced versions (`base`) of each update entry.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE resident ADD COLUMN fv TEXT;
ALTER TABLE household ADD COLUMN fv TEXT;
ALTER TABLE household_member ADD COLUMN fv TEXT;
ALTER TABLE change_log ADD COLUMN base TEXT;
)sql";

// v4: what replication keeps beside the rows: how far each other site's entries are applied,
// and the values that lost a concurrent edit (docs/sync-design.md).
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE sync_cursor(
    origin   TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE conflict(
    id           INTEGER PRIMARY KEY,
    tbl          TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    field        TEXT NOT NULL,
    kept_value   TEXT,
    kept_version TEXT NOT NULL,
    lost_value   TEXT,
    lost_version TEXT NOT NULL,
    lost_user    TEXT NOT NULL,
    detected_on  TEXT NOT NULL,
    resolved_on  TEXT,
    resolved_by  TEXT
);
CREATE INDEX conflict_row ON conflict(tbl, row_id);
)sql";

// v5: the epoch of the record status, raised by each reopen (docs/sync-design.md, "State
// machines"): status merges by (epoch, rank, version), a key that grows along every write.
constexpr const char* kSchemaV5 = R"sql(
ALTER TABLE resident ADD COLUMN status_epoch INTEGER NOT NULL DEFAULT 0;
)sql";

// v6: the hub's link from a duplicate record to the one it was merged into (issue 3,
// Duplicates); the row itself stays, so an undo loses nothing.
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE resident ADD COLUMN merged_into TEXT;
)sql";

// v7: conflict resolutions replicate, so a conflict kept or restored at one site closes
// wherever else it was found (docs/sync-design.md).
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE conflict_resolution(
    id           TEXT PRIMARY KEY,
    fv           TEXT,
    tbl          TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    field        TEXT NOT NULL,
    lost_version TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('keep', 'restore')),
    resolved_by  TEXT NOT NULL,
    resolved_on  TEXT NOT NULL,
    village_code TEXT NOT NULL
);
CREATE INDEX conflict_lost ON conflict(tbl, row_id, field, lost_version);
)sql";

// v8: chronic-disease management and two-way referral (issue 4; shared/domain/chronic.md,
// referrals.md, groups.md Elderly). Every row carries the resident's village, its scope at
// the hub. Follow-ups and health checks are append-only: a correction is a new row that
// names the one it supersedes. Fields that no rule or list queries live in `form` (JSON).
constexpr const char* kSchemaV8 = R"sql(
CREATE TABLE programme_enrolment(
    id             TEXT PRIMARY KEY,
    fv             TEXT,
    resident_id    TEXT NOT NULL,
    village_code   TEXT NOT NULL,
    programme      TEXT NOT NULL CHECK (programme IN ('htn', 't2d', 'smi', 'tb')),
    enrolled_on    TEXT NOT NULL,
    diagnosed_on   TEXT,
    diagnosed_by   TEXT,
    doctor         TEXT,
    diagnosis      TEXT,
    tb_phase       TEXT,
    tb_supervisor  TEXT,
    tb_notified_on TEXT,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    status_epoch   INTEGER NOT NULL DEFAULT 0,
    closed_on      TEXT,
    close_reason   TEXT,
    close_note     TEXT
);
CREATE INDEX enrolment_resident ON programme_enrolment(resident_id);
CREATE INDEX enrolment_village ON programme_enrolment(village_code, status);

CREATE TABLE follow_up(
    id                      TEXT PRIMARY KEY,
    fv                      TEXT,
    visit_id                TEXT NOT NULL,
    resident_id             TEXT NOT NULL,
    village_code            TEXT NOT NULL,
    enrolment_id            TEXT NOT NULL,
    programme               TEXT NOT NULL,
    visit_date              TEXT NOT NULL,
    mode                    TEXT NOT NULL,
    systolic                INTEGER,
    diastolic               INTEGER,
    heart_rate              INTEGER,
    weight                  REAL,
    bmi                     REAL,
    fasting_glucose         REAL,
    hba1c                   REAL,
    danger                  INTEGER,
    classification          TEXT,
    computed_classification TEXT,
    controlled              INTEGER,
    next_step               TEXT,
    next_due                TEXT,
    plan_cause              TEXT,
    plan_previous           TEXT,
    plan_detail             TEXT,
    form                    TEXT NOT NULL DEFAULT '{}',
    doctor                  TEXT NOT NULL,
    signed_at               TEXT NOT NULL,
    version                 INTEGER NOT NULL DEFAULT 1,
    supersedes              TEXT,
    correction_reason       TEXT
);
CREATE INDEX follow_up_enrolment ON follow_up(enrolment_id, visit_date);
CREATE INDEX follow_up_resident ON follow_up(resident_id, visit_date);
CREATE INDEX follow_up_supersedes ON follow_up(supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE health_check(
    id                TEXT PRIMARY KEY,
    fv                TEXT,
    resident_id       TEXT NOT NULL,
    village_code      TEXT NOT NULL,
    check_date        TEXT NOT NULL,
    visit_id          TEXT,
    self_care_total   INTEGER,
    self_care_level   TEXT,
    systolic          INTEGER,
    diastolic         INTEGER,
    weight            REAL,
    bmi               REAL,
    fasting_glucose   REAL,
    form              TEXT NOT NULL DEFAULT '{}',
    doctor            TEXT NOT NULL,
    signed_at         TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    supersedes        TEXT,
    correction_reason TEXT
);
CREATE INDEX health_check_resident ON health_check(resident_id, check_date);
CREATE INDEX health_check_supersedes ON health_check(supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE referral(
    id                 TEXT PRIMARY KEY,
    fv                 TEXT,
    resident_id        TEXT NOT NULL,
    village_code       TEXT NOT NULL,
    direction          TEXT NOT NULL DEFAULT 'up',
    follow_up_id       TEXT,
    from_site          TEXT NOT NULL,
    state              TEXT NOT NULL DEFAULT 'draft',
    state_epoch        INTEGER NOT NULL DEFAULT 0,
    urgency            TEXT NOT NULL DEFAULT 'routine',
    to_institution     TEXT,
    to_department      TEXT,
    to_doctor          TEXT,
    from_institution   TEXT,
    from_doctor        TEXT,
    from_phone         TEXT,
    impression         TEXT,
    reason             TEXT,
    past_history       TEXT,
    treatment          TEXT,
    purpose            TEXT,
    payment            TEXT,
    consent            INTEGER NOT NULL DEFAULT 0,
    referred_on        TEXT,
    sent_at            TEXT,
    accepted_at        TEXT,
    accepted_by        TEXT,
    refused_at         TEXT,
    refused_by         TEXT,
    refuse_reason      TEXT,
    cancelled_at       TEXT,
    cancelled_by       TEXT,
    cancel_reason      TEXT,
    closed_at          TEXT,
    closed_by          TEXT,
    close_note         TEXT,
    return_diagnosis   TEXT,
    return_record_no   TEXT,
    return_tests       TEXT,
    return_advice      TEXT,
    return_outcome     TEXT,
    returned_by        TEXT,
    return_institution TEXT,
    returned_on        TEXT
);
CREATE INDEX referral_resident ON referral(resident_id);
CREATE INDEX referral_village ON referral(village_code, state);
)sql";

// v9: blood-pressure screening of residents 35+ (chronic.md, Hypertension, "Screening"):
// each reading with the risk factors measured or asked that day. Append-only like other
// clinical events.
constexpr const char* kSchemaV9 = R"sql(
CREATE TABLE bp_screening(
    id              TEXT PRIMARY KEY,
    fv              TEXT,
    resident_id     TEXT NOT NULL,
    village_code    TEXT NOT NULL,
    screened_on     TEXT NOT NULL,
    systolic        INTEGER NOT NULL,
    diastolic       INTEGER NOT NULL,
    weight          REAL,
    height          REAL,
    waist           REAL,
    high_salt       INTEGER NOT NULL DEFAULT 0,
    daily_liquor_ml REAL,
    doctor          TEXT NOT NULL,
    signed_at       TEXT NOT NULL
);
CREATE INDEX bp_screening_resident ON bp_screening(resident_id, screened_on);
CREATE INDEX bp_screening_village ON bp_screening(village_code, screened_on);
)sql";

// v10: the latest follow-up of an enrolment (the worklist's lookup) read in index order,
// the signing time breaking a tie of visit dates without a temporary sort.
constexpr const char* kSchemaV10 = R"sql(
DROP INDEX follow_up_enrolment;
CREATE INDEX follow_up_latest ON follow_up(enrolment_id, visit_date, signed_at);
)sql";

// v11: other sites' entries that cannot be applied here yet (a row they need is not at this
// site, a value clashes), parked with the reason instead of blocking every later sync, and
// tried again after each batch (docs/sync-design.md, "Parked entries"). Local, not replicated.
constexpr const char* kSchemaV11 = R"sql(
CREATE TABLE parked_change (
    site      TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    op        TEXT NOT NULL,
    fields    TEXT NOT NULL,
    user      TEXT NOT NULL,
    base      TEXT NOT NULL,
    reason    TEXT NOT NULL,  -- ParkedEntry reason code
    detail    TEXT NOT NULL,  -- what it is about (the missing row's table, the clashing column)
    parked_at TEXT NOT NULL,
    PRIMARY KEY (site, seq)
) WITHOUT ROWID;
)sql";

// v12: users of this site with their role and password hash, failed sign-ins (each PC
// counts its own), and tokens for scripts (issue 16). Local to the site for now; only
// hashes are stored.
constexpr const char* kSchemaV12 = R"sql(
CREATE TABLE user_account (
    id           TEXT PRIMARY KEY,
    login        TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL,
    division     TEXT NOT NULL DEFAULT '',  -- division prefix of the user's area; '' = the site's
    password     TEXT NOT NULL,             -- util/Password: pbkdf2-sha256$iterations$salt$hash
    must_change  INTEGER NOT NULL DEFAULT 0,
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE UNIQUE INDEX user_account_login ON user_account(login);
CREATE TABLE signin_failure (
    login        TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL  -- Unix milliseconds
) WITHOUT ROWID;
CREATE TABLE api_token (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,  -- SHA-256 of the token, hex
    name       TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES user_account(id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
)sql";

// v13: the audit trail, a SHA-256 chain of every write and every opening of a restricted
// record at this site (issue 16; store/AuditLog).
constexpr const char* kSchemaV13 = R"sql(
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,  -- 1, 2, 3 … without gaps
    at          TEXT NOT NULL,
    site        TEXT NOT NULL,
    user        TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,        -- insert, update, open
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    detail      TEXT NOT NULL,        -- {"before":{…}} of an update; {} otherwise
    prev        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    change_seq  INTEGER NOT NULL DEFAULT 0  -- this site's change_log entry with the values after
);
CREATE INDEX audit_log_resident ON audit_log(resident_id);
)sql";

// v14: user accounts replicate through the hub (issue 16): field versions, a login that is
// no longer unique in the table (two sites may give one login offline; the earlier account
// keeps it and the later is held, docs/decisions.md), each account's area written out, and
// every existing account logged as an insert so that it reaches the hub. Sign-in failures
// and script tokens stay local.
constexpr const char* kSchemaV14 = R"sql(
ALTER TABLE user_account ADD COLUMN fv TEXT;
DROP INDEX user_account_login;
CREATE INDEX user_account_login ON user_account(login, id);
)sql";

// v15: family-doctor contracts (issue 17, ../shared/domain/contracts.md): care teams and
// their members in their township (scope `division`, wider than a village), package editions
// an administrator loaded for an area, each resident's contract in the resident's village,
// service entries for package items without a record type of their own, and priority tags
// set by hand. Every table replicates.
constexpr const char* kSchemaV15 = R"sql(
CREATE TABLE care_team (
    id          TEXT PRIMARY KEY,
    fv          TEXT,
    division    TEXT NOT NULL,
    name        TEXT NOT NULL,
    institution TEXT,
    villages    TEXT NOT NULL DEFAULT '',  -- 12-digit village codes, space-separated
    lead        TEXT NOT NULL,             -- login of the family doctor who leads it
    status      TEXT NOT NULL DEFAULT 'active',
    created_on  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX care_team_division ON care_team(division);
CREATE TABLE care_team_member (
    id        TEXT PRIMARY KEY,
    fv        TEXT,
    team_id   TEXT NOT NULL,
    division  TEXT NOT NULL,
    login     TEXT NOT NULL,
    role      TEXT NOT NULL,  -- doctor, village_doctor, nurse, other
    active    INTEGER NOT NULL DEFAULT 1,
    joined_on TEXT NOT NULL,
    left_on   TEXT
);
CREATE INDEX care_team_member_team ON care_team_member(team_id);
CREATE INDEX care_team_member_login ON care_team_member(login);
CREATE TABLE package_edition (
    id        TEXT PRIMARY KEY,
    fv        TEXT,
    division  TEXT NOT NULL,  -- the area it applies to
    edition   TEXT NOT NULL,  -- the year
    body      TEXT NOT NULL,  -- the package file (rules/Packages), checked when loaded
    loaded_by TEXT NOT NULL,
    loaded_on TEXT NOT NULL
);
CREATE INDEX package_edition_year ON package_edition(edition, division);
CREATE TABLE contract (
    id               TEXT PRIMARY KEY,
    fv               TEXT,
    resident_id      TEXT NOT NULL,
    village_code     TEXT NOT NULL,
    household_id     TEXT,
    signing_id       TEXT,
    team_id          TEXT NOT NULL,
    doctor           TEXT NOT NULL,
    edition          TEXT NOT NULL,
    packages         TEXT NOT NULL,  -- package codes, space-separated
    state            TEXT NOT NULL DEFAULT 'pending',
    state_epoch      INTEGER NOT NULL DEFAULT 0,
    signed_on        TEXT,
    start_on         TEXT NOT NULL,
    end_on           TEXT NOT NULL,
    term_years       INTEGER NOT NULL DEFAULT 1,
    fee_fen          INTEGER NOT NULL DEFAULT 0,
    insurance_fen    INTEGER NOT NULL DEFAULT 0,
    resident_fen     INTEGER NOT NULL DEFAULT 0,
    agreement_signed INTEGER NOT NULL DEFAULT 0,
    signed_for       TEXT,
    renews           TEXT,
    prepared_by      TEXT NOT NULL,
    signed_by        TEXT,
    signed_at        TEXT,
    ended_on         TEXT,
    end_reason       TEXT,
    end_note         TEXT,
    ended_by         TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX contract_resident ON contract(resident_id, start_on);
CREATE INDEX contract_village ON contract(village_code, state);
CREATE INDEX contract_team ON contract(team_id, state);
CREATE TABLE service_entry (
    id                TEXT PRIMARY KEY,
    fv                TEXT,
    resident_id       TEXT NOT NULL,
    village_code      TEXT NOT NULL,
    item              TEXT NOT NULL,
    service_date      TEXT NOT NULL,
    mode              TEXT NOT NULL,
    note              TEXT,
    doctor            TEXT NOT NULL,
    signed_at         TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    supersedes        TEXT,
    correction_reason TEXT
);
CREATE INDEX service_entry_resident ON service_entry(resident_id, service_date);
CREATE INDEX service_entry_supersedes ON service_entry(supersedes) WHERE supersedes IS NOT NULL;
CREATE TABLE priority_tag (
    id           TEXT PRIMARY KEY,
    fv           TEXT,
    resident_id  TEXT NOT NULL,
    village_code TEXT NOT NULL,
    tag          TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    set_on       TEXT NOT NULL,
    set_by       TEXT NOT NULL
);
CREATE INDEX priority_tag_resident ON priority_tag(resident_id);
CREATE INDEX priority_tag_village ON priority_tag(village_code, tag);
)sql";

// v16: supervision (issue 18, ../shared/domain/quality.md). The permanent population of each
// village and year (常住人口, the coverage denominator), entered by hand, one row per village
// and year under an id made of both so that two sites' entries merge field by field. Review
// cases: a sampled record, its reviewer, the verification and the correction it asked for;
// the state moves forward (open → verified → sent back → corrected → closed). Both
// replicate. Indexes for the records of a period in an area. And the per-enrolment summary
// (local, never replicated): the latest current follow-up, kept by triggers in the
// transaction of every write, local or applied from another site, so that the worklist reads
// one row per patient instead of searching the visits.
constexpr const char* kSchemaV16 = R"sql(
CREATE TABLE population (
    id           TEXT PRIMARY KEY,
    fv           TEXT,
    village_code TEXT NOT NULL,
    year         INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    entered_by   TEXT NOT NULL,
    entered_on   TEXT NOT NULL
);
CREATE INDEX population_village ON population(village_code, year);
CREATE TABLE review_case (
    id                TEXT PRIMARY KEY,
    fv                TEXT,
    resident_id       TEXT NOT NULL,
    village_code      TEXT NOT NULL,
    record_table      TEXT NOT NULL,
    record_id         TEXT NOT NULL,
    author            TEXT NOT NULL,
    sample_id         TEXT NOT NULL,
    drawn_for         TEXT NOT NULL,
    assigned_to       TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'open',
    state_epoch       INTEGER NOT NULL DEFAULT 0,
    method            TEXT,
    outcome           TEXT,
    remeasured        TEXT,
    verify_note       TEXT,
    verified_by       TEXT,
    verified_on       TEXT,
    send_back_note    TEXT,
    sent_back_on      TEXT,
    correction_id     TEXT,
    corrected_by      TEXT,
    corrected_on      TEXT,
    closed_by         TEXT,
    closed_on         TEXT,
    close_note        TEXT,
    created_by        TEXT NOT NULL,
    created_on        TEXT NOT NULL
);
CREATE INDEX review_case_village ON review_case(village_code, state);
CREATE INDEX review_case_record ON review_case(record_id);
CREATE INDEX review_case_author ON review_case(author, state);
CREATE INDEX follow_up_village ON follow_up(village_code, visit_date);
CREATE INDEX health_check_village ON health_check(village_code, check_date);

CREATE TABLE enrolment_summary (
    enrolment_id TEXT PRIMARY KEY,
    latest_id    TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO enrolment_summary(enrolment_id, latest_id)
SELECT e.id, (SELECT x.id FROM follow_up x WHERE x.enrolment_id = e.id AND
              NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = x.id)
              ORDER BY x.visit_date DESC, x.signed_at DESC LIMIT 1)
FROM programme_enrolment e WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.enrolment_id = e.id);
CREATE TRIGGER follow_up_summary_insert AFTER INSERT ON follow_up BEGIN
    INSERT OR REPLACE INTO enrolment_summary(enrolment_id, latest_id)
    SELECT NEW.enrolment_id, x.id FROM follow_up x WHERE x.enrolment_id = NEW.enrolment_id AND
        NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = x.id)
        ORDER BY x.visit_date DESC, x.signed_at DESC LIMIT 1;
END;
CREATE TRIGGER follow_up_summary_update AFTER UPDATE OF enrolment_id, visit_date, signed_at, supersedes ON follow_up BEGIN
    DELETE FROM enrolment_summary WHERE enrolment_id IN (OLD.enrolment_id, NEW.enrolment_id);
    INSERT OR REPLACE INTO enrolment_summary(enrolment_id, latest_id)
    SELECT e.enrolment_id, (SELECT x.id FROM follow_up x WHERE x.enrolment_id = e.enrolment_id AND
        NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = x.id)
        ORDER BY x.visit_date DESC, x.signed_at DESC LIMIT 1)
    FROM (SELECT OLD.enrolment_id AS enrolment_id UNION SELECT NEW.enrolment_id) e
    WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.enrolment_id = e.enrolment_id);
END;
CREATE TRIGGER follow_up_summary_delete AFTER DELETE ON follow_up BEGIN
    DELETE FROM enrolment_summary WHERE enrolment_id = OLD.enrolment_id;
    INSERT OR REPLACE INTO enrolment_summary(enrolment_id, latest_id)
    SELECT OLD.enrolment_id, x.id FROM follow_up x WHERE x.enrolment_id = OLD.enrolment_id AND
        NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = x.id)
        ORDER BY x.visit_date DESC, x.signed_at DESC LIMIT 1;
END;
)sql";

// v17: the renewal of a contract found through the contract it renews (renewal rate, issue
// 18): without it every ended contract searched the whole table.
constexpr const char* kSchemaV17 = R"sql(
CREATE INDEX contract_renews ON contract(renews) WHERE renews IS NOT NULL;
)sql";

// v18: the per-resident summary (issue 18, local, never replicated): the date of each
// resident's latest health check, kept by triggers in the transaction of every write, local
// or applied from another site, as enrolment_summary is. The annual check due (groups.md,
// Elderly; chronic.md) and the worklist read one row per resident instead of searching the
// checks. Every version counts, as the search it replaces did: a correction keeps its date.
constexpr const char* kSchemaV18 = R"sql(
CREATE TABLE resident_summary (
    resident_id TEXT PRIMARY KEY,
    last_check  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO resident_summary(resident_id, last_check)
SELECT resident_id, max(check_date) FROM health_check GROUP BY resident_id;
CREATE TRIGGER health_check_summary_insert AFTER INSERT ON health_check BEGIN
    INSERT INTO resident_summary(resident_id, last_check) VALUES (NEW.resident_id, NEW.check_date)
    ON CONFLICT(resident_id) DO UPDATE SET last_check = excluded.last_check
    WHERE excluded.last_check > resident_summary.last_check;
END;
CREATE TRIGGER health_check_summary_update AFTER UPDATE OF resident_id, check_date ON health_check BEGIN
    DELETE FROM resident_summary WHERE resident_id IN (OLD.resident_id, NEW.resident_id);
    INSERT INTO resident_summary(resident_id, last_check)
    SELECT resident_id, max(check_date) FROM health_check
    WHERE resident_id IN (OLD.resident_id, NEW.resident_id) GROUP BY resident_id;
END;
CREATE TRIGGER health_check_summary_delete AFTER DELETE ON health_check BEGIN
    DELETE FROM resident_summary WHERE resident_id = OLD.resident_id;
    INSERT INTO resident_summary(resident_id, last_check)
    SELECT resident_id, max(check_date) FROM health_check WHERE resident_id = OLD.resident_id GROUP BY resident_id;
END;
)sql";

// v19: public-health services for children (issue 19, ../shared/domain/groups.md). Doses of
// the national immunization programme as given, replicated: two sites recording the same
// dose offline keep both rows (the second is flagged for review, never merged away).
constexpr const char* kSchemaV19 = R"sql(
CREATE TABLE vaccination (
    id           TEXT PRIMARY KEY,
    fv           TEXT,
    resident_id  TEXT NOT NULL,
    village_code TEXT NOT NULL,
    vaccine      TEXT NOT NULL,
    dose         INTEGER NOT NULL,
    given_on     TEXT NOT NULL,
    batch        TEXT NOT NULL,
    site         TEXT NOT NULL,
    given_by     TEXT NOT NULL,
    edition      TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    signed_at    TEXT NOT NULL,
    voided       INTEGER NOT NULL DEFAULT 0,
    void_reason  TEXT,
    voided_by    TEXT,
    voided_on    TEXT
);
CREATE INDEX vaccination_resident ON vaccination(resident_id, vaccine, dose);
CREATE INDEX vaccination_village ON vaccination(village_code, given_on);
CREATE INDEX resident_birth ON resident(birth_date);
)sql";

// v20: child health visits (issue 19, groups.md "Children 0-6"), replicated, append-only.
constexpr const char* kSchemaV20 = R"sql(
CREATE TABLE child_visit (
    id           TEXT PRIMARY KEY,
    fv           TEXT,
    resident_id  TEXT NOT NULL,
    village_code TEXT NOT NULL,
    visit_code   TEXT NOT NULL,
    visit_date   TEXT NOT NULL,
    discharge    TEXT,
    weight       REAL,
    length       REAL,
    head         REAL,
    feeding      TEXT,
    development  TEXT,
    guidance     TEXT,
    note         TEXT,
    doctor       TEXT NOT NULL,
    signed_at    TEXT NOT NULL
);
CREATE INDEX child_visit_resident ON child_visit(resident_id, visit_date);
CREATE INDEX child_visit_village ON child_visit(village_code, visit_date);
)sql";

// v21: maternal care (issue 19, groups.md "Maternal care"): pregnancies (replicated, the
// state moving forward) and their antenatal and postpartum visits (replicated, append-only).
constexpr const char* kSchemaV21 = R"sql(
CREATE TABLE pregnancy (
    id             TEXT PRIMARY KEY,
    fv             TEXT,
    resident_id    TEXT NOT NULL,
    village_code   TEXT NOT NULL,
    lmp            TEXT NOT NULL,
    edd            TEXT NOT NULL,
    gravidity      INTEGER NOT NULL,
    parity         INTEGER NOT NULL,
    risks          TEXT,
    registered_on  TEXT NOT NULL,
    doctor         TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'pregnant',
    state_epoch    INTEGER NOT NULL DEFAULT 0,
    delivered_on   TEXT,
    delivery_place TEXT,
    delivery_mode  TEXT,
    discharged_on  TEXT,
    babies         TEXT,
    ended_on       TEXT,
    end_reason     TEXT,
    note           TEXT
);
CREATE INDEX pregnancy_resident ON pregnancy(resident_id);
CREATE INDEX pregnancy_village ON pregnancy(village_code, state);
CREATE TABLE maternal_visit (
    id              TEXT PRIMARY KEY,
    fv              TEXT,
    pregnancy_id    TEXT NOT NULL,
    resident_id     TEXT NOT NULL,
    village_code    TEXT NOT NULL,
    visit_code      TEXT NOT NULL,
    visit_date      TEXT NOT NULL,
    systolic        INTEGER,
    diastolic       INTEGER,
    weight          REAL,
    fasting_glucose REAL,
    hemoglobin      REAL,
    note            TEXT,
    doctor          TEXT NOT NULL,
    signed_at       TEXT NOT NULL
);
CREATE INDEX maternal_visit_pregnancy ON maternal_visit(pregnancy_id, visit_date);
CREATE INDEX maternal_visit_village ON maternal_visit(village_code, visit_date);
)sql";

// v22: the children's due lists read each child's doses and visits from an index alone
// (issue 19, docs/performance.md): covering indexes in place of the per-resident ones.
constexpr const char* kSchemaV22 = R"sql(
DROP INDEX vaccination_resident;
CREATE INDEX vaccination_resident ON vaccination(resident_id, voided, vaccine, dose, given_on, signed_at, id);
DROP INDEX child_visit_resident;
CREATE INDEX child_visit_resident ON child_visit(resident_id, visit_code, visit_date, discharge, id);
)sql";

void replicateAccounts(Database& db) {
    db.exec(kSchemaV14);
    // "" meant this site's whole area; elsewhere it would mean another site's.
    if (const auto area = areaScope(db); !area.empty())
        db.cached("UPDATE user_account SET division = ? WHERE division = ''").bindAll(area).run();
    std::vector<std::pair<std::string, std::string>> accounts;  // id, created by
    Statement st(db, "SELECT id, created_by FROM user_account ORDER BY id");
    while (st.step()) accounts.emplace_back(st.text(0), st.text(1));
    st.reset();
    for (const auto& [id, createdBy] : accounts) db.changes().adopt("user_account", id, createdBy);
}

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, "replication base and resident registry",
         [](Database& db) {
             db.exec(kSchemaV1);
             initSiteIdentity(db);
         }},
        {2, "search index for names, pinyin, ID numbers, phones, archive numbers",
         [](Database& db) {
             db.exec(kSchemaV2);
             SearchIndex(db).rebuild();
         }},
        {3, "field versions of replicated rows",
         [](Database& db) {
             db.exec(kSchemaV3);
             replayFieldVersions(db);
         }},
        {4, "sync cursors and conflict log", [](Database& db) { db.exec(kSchemaV4); }},
        {5, "record status epoch for forward-only merges", [](Database& db) { db.exec(kSchemaV5); }},
        {6, "links from merged duplicate residents", [](Database& db) { db.exec(kSchemaV6); }},
        {7, "replicated conflict resolutions", [](Database& db) { db.exec(kSchemaV7); }},
        {8, "chronic-disease follow-up, health checks and referrals", [](Database& db) { db.exec(kSchemaV8); }},
        {9, "blood-pressure screening", [](Database& db) { db.exec(kSchemaV9); }},
        {10, "follow-up index for the latest visit", [](Database& db) { db.exec(kSchemaV10); }},
        {11, "other sites' entries parked until they can apply", [](Database& db) { db.exec(kSchemaV11); }},
        {12, "users, roles, sign-in failures and script tokens", [](Database& db) { db.exec(kSchemaV12); }},
        {13, "the audit trail", [](Database& db) { db.exec(kSchemaV13); }},
        {14, "user accounts replicate", replicateAccounts},
        {15, "family-doctor teams, contracts, service entries and priority tags",
         [](Database& db) { db.exec(kSchemaV15); }},
        {16, "supervision: populations, review cases, the per-enrolment summary",
         [](Database& db) { db.exec(kSchemaV16); }},
        {17, "the renewal of a contract", [](Database& db) { db.exec(kSchemaV17); }},
        {18, "the per-resident summary", [](Database& db) { db.exec(kSchemaV18); }},
        {19, "immunization doses", [](Database& db) { db.exec(kSchemaV19); }},
        {20, "child health visits", [](Database& db) { db.exec(kSchemaV20); }},
        {21, "pregnancies and maternal visits", [](Database& db) { db.exec(kSchemaV21); }},
        {22, "covering indexes for the children's due lists", [](Database& db) { db.exec(kSchemaV22); }},
    };
    return all;
}

int latestSchemaVersion() { return migrations().back().version; }

void migrate(Database& db, int target) {
    if (target < 0) target = latestSchemaVersion();
    const int current = db.userVersion();
    if (current > latestSchemaVersion()) {
        throw StorageError(format(
            tr("This database was written by a newer version of Jiayi (schema {0}; this "
               "program knows up to {1}). Install the newer version to open it."),
            {std::to_string(current), std::to_string(latestSchemaVersion())}));
    }
    for (const auto& step : migrations()) {
        if (step.version <= current || step.version > target) continue;
        Transaction tx(db);
        step.apply(db);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
        tx.commit();
    }
}

}  // namespace jiayi::store
