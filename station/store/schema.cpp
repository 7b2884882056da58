// Station tables: RMAs, operators, repair orders, audit log, outbox, arrivals, scan log, the
// after-sales rules' policies, decisions, fault codes, diagnoses and quotes, firmware flashes and
// the web UI's PINs.
#include "station/store/schema.h"

namespace rs::station {

std::vector<store::Migration> station_migrations() {
    return {
        {"station", 1, "RMAs, operators, repair orders, audit log, outbox, arrivals, scans", R"sql(
CREATE TABLE operators (
    id         TEXT PRIMARY KEY,            -- the badge code, e.g. OP-0007 plus check character
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('technician', 'warehouse', 'parts_manager',
                                             'supervisor', 'system')),
    created_ms INTEGER NOT NULL
) STRICT;

-- After-sales requests as the platform sent them; the platform's id is the key.
CREATE TABLE rmas (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    type             TEXT NOT NULL CHECK (type IN ('repair', 'exchange', 'return')),
    status           TEXT NOT NULL,         -- platform status: approved, cancelled, ...
    customer_name    TEXT NOT NULL,
    customer_phone   TEXT NOT NULL DEFAULT '',
    return_address   TEXT NOT NULL,         -- JSON object, kept as the platform sent it
    product_model    TEXT NOT NULL,
    product_sku      TEXT NOT NULL DEFAULT '',
    expected_serial  TEXT NOT NULL DEFAULT '',
    expected_imei    TEXT NOT NULL DEFAULT '',
    purchase_date_ms INTEGER,
    warranty_months  INTEGER NOT NULL DEFAULT 0,
    fault            TEXT NOT NULL DEFAULT '',
    updated_ms       INTEGER NOT NULL,
    imported_ms      INTEGER NOT NULL
) STRICT;

CREATE TABLE rma_tracking_numbers (
    tracking_number TEXT NOT NULL,
    rma_id          TEXT NOT NULL REFERENCES rmas (id) ON DELETE CASCADE,
    PRIMARY KEY (tracking_number, rma_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX rma_tracking_numbers_by_rma ON rma_tracking_numbers (rma_id);

-- One repair order per RMA: the UNIQUE rma_id is what stops a parcel scanned twice (or on
-- two benches at once) from making a second order.
CREATE TABLE repair_orders (
    id              TEXT PRIMARY KEY,       -- UUIDv7
    seq             INTEGER NOT NULL UNIQUE,
    number          TEXT NOT NULL UNIQUE,   -- RO-000123 plus check character
    rma_id          TEXT NOT NULL UNIQUE REFERENCES rmas (id),
    state           TEXT NOT NULL,
    owner_id        TEXT NOT NULL REFERENCES operators (id),
    arrival_scan    TEXT NOT NULL,          -- what was scanned to receive it
    identity_status TEXT NOT NULL DEFAULT 'unchecked'
                    CHECK (identity_status IN ('unchecked', 'confirmed', 'mismatch')),
    device_identity TEXT NOT NULL DEFAULT '', -- serial or IMEI scanned from the device
    created_ms      INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX repair_orders_by_state ON repair_orders (state, updated_ms);

-- What happened, by whom and why: one row per change, written with the change.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    time_ms         INTEGER NOT NULL,
    operator_id     TEXT NOT NULL,
    repair_order_id TEXT REFERENCES repair_orders (id),
    action          TEXT NOT NULL,
    from_state      TEXT,
    to_state        TEXT,
    detail          TEXT NOT NULL DEFAULT '{}'  -- JSON
) STRICT;
CREATE INDEX audit_log_by_order ON audit_log (repair_order_id, id);

-- Transactional outbox: events for the platform, written in the same transaction as the
-- change they describe, sent later by the sync worker (each with its UUID for de-duplication).
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY,       -- send order
    event_id     TEXT NOT NULL UNIQUE,      -- UUIDv7
    type         TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,             -- the repair order (or RMA) the event is about
    time_ms      INTEGER NOT NULL,
    payload      TEXT NOT NULL              -- JSON
) STRICT;

-- Parcels that matched no RMA expected here: kept for a person to follow up.
CREATE TABLE arrivals (
    id            TEXT PRIMARY KEY,         -- UUIDv7
    scan_text     TEXT NOT NULL UNIQUE,
    kinds         TEXT NOT NULL,            -- what the code grammar said it is
    reason        TEXT NOT NULL,
    operator_id   TEXT NOT NULL,
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL,
    times_seen    INTEGER NOT NULL DEFAULT 1,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved'))
) STRICT;

-- Every scan and what the station did with it, so no scan is ever lost.
CREATE TABLE scans (
    id          INTEGER PRIMARY KEY,
    time_ms     INTEGER NOT NULL,
    source      TEXT NOT NULL,
    text        BLOB NOT NULL,
    symbology   TEXT NOT NULL DEFAULT '',
    operator_id TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;
)sql"},
        // Issue 12: after-sales rules (docs/policy.md). One self-contained step; 2, 3 and 4 are the
        // print queue's, the photos' and the sync's (print_schema.cpp, photo_schema.cpp,
        // sync_schema.cpp).
        {"station", 5, "policies, route decisions, fault catalog, diagnoses, quotes, handovers",
         R"sql(
-- What the rules read from the RMA.
ALTER TABLE rmas ADD COLUMN delivered_ms INTEGER;
ALTER TABLE rmas ADD COLUMN extended_warranty_until_ms INTEGER;
ALTER TABLE rmas ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN category TEXT NOT NULL DEFAULT '';

-- A supervisor cleared an identity mismatch (the order may move past inspection), and why.
ALTER TABLE repair_orders ADD COLUMN identity_cleared_by TEXT NOT NULL DEFAULT '';
ALTER TABLE repair_orders ADD COLUMN identity_cleared_reason TEXT NOT NULL DEFAULT '';
-- Since when the owner holds the case (intake, or the last handover).
ALTER TABLE repair_orders ADD COLUMN owner_since_ms INTEGER NOT NULL DEFAULT 0;

-- Every policy file the station accepted, by version; the newest is the one in force. A file
-- that fails its checks is never stored, so the station keeps the policy it had.
CREATE TABLE policies (
    version   TEXT PRIMARY KEY,
    sha256    TEXT NOT NULL,
    source    TEXT NOT NULL,                -- the file it was read from
    body      TEXT NOT NULL,                -- the file's text, as read
    loaded_ms INTEGER NOT NULL,
    loaded_by TEXT NOT NULL
) STRICT;

-- Every route decision with its trace; the newest row of an order is the route in force, the
-- earlier ones (an override keeps the decision it replaced) stay as evidence.
CREATE TABLE route_decisions (
    id              TEXT PRIMARY KEY,       -- UUIDv7
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
    kind            TEXT NOT NULL CHECK (kind IN ('computed', 'override')),
    route           TEXT NOT NULL,
    category        TEXT NOT NULL DEFAULT '',
    policy_version  TEXT NOT NULL,
    trace           TEXT NOT NULL,          -- JSON list of {rule, finding}
    facts           TEXT NOT NULL,          -- JSON: what the rules looked at
    confirmed_by    TEXT NOT NULL,          -- who confirmed (or overrode) it
    reason          TEXT NOT NULL DEFAULT '',
    replaces        TEXT,                   -- the decision an override replaced
    decided_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX route_decisions_by_order ON route_decisions (repair_order_id, decided_ms, id);

-- The fault catalog (IRIS-style codes) per product category, names in Chinese and English.
CREATE TABLE fault_codes (
    category         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('condition', 'symptom', 'section', 'defect',
                                                   'repair', 'no_fault_found')),
    code             TEXT NOT NULL,
    name_zh          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    standard_minutes INTEGER NOT NULL DEFAULT 0,  -- repair codes: the labour a quote charges
    PRIMARY KEY (category, kind, code)
) STRICT;

CREATE TABLE diagnoses (
    id              TEXT PRIMARY KEY,       -- UUIDv7
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
    customer_symptom TEXT NOT NULL,         -- in the customer's words
    condition_code  TEXT NOT NULL DEFAULT '',
    symptom_code    TEXT NOT NULL DEFAULT '',
    section_code    TEXT NOT NULL DEFAULT '',
    defect_code     TEXT NOT NULL DEFAULT '',
    cause           TEXT NOT NULL,
    damage          TEXT NOT NULL DEFAULT '[]',  -- JSON list of damage kinds
    missing         TEXT NOT NULL DEFAULT '[]',  -- JSON list of missing accessories
    activated       INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT '',
    photos          TEXT NOT NULL DEFAULT '[]',  -- JSON list of photo ids
    operator_id     TEXT NOT NULL,
    time_ms         INTEGER NOT NULL
) STRICT;
CREATE INDEX diagnoses_by_order ON diagnoses (repair_order_id, time_ms);

CREATE TABLE quotes (
    id               TEXT PRIMARY KEY,      -- UUIDv7
    repair_order_id  TEXT NOT NULL REFERENCES repair_orders (id),
    currency         TEXT NOT NULL,
    total_minor      INTEGER NOT NULL CHECK (total_minor >= 0),
    valid_until_ms   INTEGER NOT NULL,
    consent_required INTEGER NOT NULL DEFAULT 0,  -- a substitute part needs the customer's yes
    operator_id      TEXT NOT NULL,
    created_ms       INTEGER NOT NULL
) STRICT;
CREATE INDEX quotes_by_order ON quotes (repair_order_id, created_ms);

CREATE TABLE quote_lines (
    quote_id     TEXT NOT NULL REFERENCES quotes (id),
    line_no      INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('part', 'labour')),
    code         TEXT NOT NULL,             -- part SKU or repair code
    description  TEXT NOT NULL,
    quantity     INTEGER NOT NULL,          -- parts: pieces; labour: minutes
    unit_minor   INTEGER NOT NULL,          -- parts: per piece; labour: per hour
    amount_minor INTEGER NOT NULL,
    substitute   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (quote_id, line_no)
) STRICT;
)sql"},
        // Firmware flashes of repair orders (station/orders/firmware_flash). A self-contained
        // entry: the row is written before the first byte goes to the device, so 'started' with
        // no finished_ms is an attempt that did not finish (a killed process, a power cut).
        {"station", 6, "firmware flash attempts on repair orders", R"sql(
CREATE TABLE firmware_flashes (
    id              TEXT PRIMARY KEY,        -- UUIDv7
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
    operator_id     TEXT NOT NULL,
    device          TEXT NOT NULL,           -- USB ids, serial number, port path
    model           TEXT NOT NULL,
    revision        TEXT NOT NULL DEFAULT '',
    image_sha256    TEXT NOT NULL,
    image_version   TEXT NOT NULL,
    before_version  TEXT NOT NULL DEFAULT '',
    after_version   TEXT NOT NULL DEFAULT '',
    result          TEXT NOT NULL CHECK (result IN ('started', 'succeeded', 'failed', 'aborted')),
    verified_by     TEXT NOT NULL DEFAULT '',
    message         TEXT NOT NULL DEFAULT '',
    recovery        TEXT NOT NULL DEFAULT '',  -- what was done to the device after a failure
    bytes_sent      INTEGER NOT NULL DEFAULT 0,
    started_ms      INTEGER NOT NULL,
    finished_ms     INTEGER
) STRICT;
CREATE INDEX firmware_flashes_by_order ON firmware_flashes (repair_order_id, started_ms);
)sql"},
        // The web UI's sign-in (station/people/pins.h): PINs as salted slow hashes, never the PIN,
        // and the wrong-PIN count that locks a badge for a while. Sessions live in memory only.
        {"station", 7, "operator PINs and badge lockouts", R"sql(
CREATE TABLE operator_pins (
    operator_id TEXT PRIMARY KEY REFERENCES operators (id),
    salt        TEXT NOT NULL,              -- hex, random per PIN
    iterations  INTEGER NOT NULL,           -- PBKDF2-HMAC-SHA256 rounds
    hash        TEXT NOT NULL,              -- hex
    set_ms      INTEGER NOT NULL
) STRICT;

-- Wrong PINs in a row per badge; locked_until_ms > now: the badge is refused until then.
CREATE TABLE badge_lockouts (
    badge           TEXT PRIMARY KEY REFERENCES operators (id),
    failures        INTEGER NOT NULL,
    locked_until_ms INTEGER NOT NULL DEFAULT 0,
    last_failure_ms INTEGER NOT NULL
) STRICT;
)sql"},
        // Proof of who acts (station/people/tokens.h): a script's token is an operator row of
        // its own; only the SHA-256 of its random secret is kept.
        {"station", 8, "station tokens for scripts", R"sql(
CREATE TABLE station_tokens (
    operator_id TEXT PRIMARY KEY REFERENCES operators (id),
    hash        TEXT NOT NULL UNIQUE,       -- SHA-256 hex of the secret
    issued_by   TEXT NOT NULL,              -- badge of the supervisor (or "setup")
    issued_ms   INTEGER NOT NULL,
    revoked_ms  INTEGER
) STRICT;
)sql"},
        // The parts of a repair order (station/orders/order_parts.h): the inventory knows an
        // order by its number only; these rows tie each reservation and backorder to it.
        {"station", 9, "reservations and backorders of repair orders", R"sql(
CREATE TABLE repair_order_parts (
    reservation_id  INTEGER PRIMARY KEY REFERENCES inv_reservations (id),
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id)
) STRICT;
CREATE INDEX repair_order_parts_by_order ON repair_order_parts (repair_order_id);
CREATE TABLE repair_order_backorders (
    backorder_id    INTEGER PRIMARY KEY REFERENCES inv_backorders (id),
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id)
) STRICT;
CREATE INDEX repair_order_backorders_by_order ON repair_order_backorders (repair_order_id);
)sql"},
        // Substitute parts need the customer's consent (station/orders/order_parts.h): each
        // reservation and backorder says whether it is the original part or a substitute, and a
        // quote keeps when and by whom it was accepted and whether the customer consented to
        // its substitute parts (station/orders/quotes.h).
        {"station", 13, "original or substitute parts; quote acceptance and consent", R"sql(
ALTER TABLE repair_order_parts ADD COLUMN substitute INTEGER NOT NULL DEFAULT 0;
ALTER TABLE repair_order_backorders ADD COLUMN substitute INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quotes ADD COLUMN accepted_ms INTEGER;
ALTER TABLE quotes ADD COLUMN accepted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN substitutes_consented INTEGER NOT NULL DEFAULT 0;
)sql"},
        // Issue 19: which diagnosis of an order is in force, kept with each new diagnosis
        // (station/orders/diagnosis.h), so the reports read it as a flag, not by looking for a
        // later diagnosis of every one (2 s at a million cases). Earlier ones are marked here.
        {"station", 21, "diagnoses superseded by a later diagnosis of their order", R"sql(
ALTER TABLE diagnoses ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
UPDATE diagnoses SET superseded = 1 WHERE EXISTS (
    SELECT 1 FROM diagnoses n WHERE n.repair_order_id = diagnoses.repair_order_id AND
    (n.time_ms > diagnoses.time_ms OR (n.time_ms = diagnoses.time_ms AND n.id > diagnoses.id)));
)sql"},
    };
}

}  // namespace rs::station
