// Station tables: RMAs, operators, repair orders, audit log, outbox, arrivals, scan log, PINs.
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
        // The web UI's sign-in (station/people/pins.h): PINs as salted slow hashes, never the PIN,
        // and the wrong-PIN count that locks a badge for a while. Sessions live in memory only.
        {"station", 5, "operator PINs and badge lockouts", R"sql(
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
    };
}

}  // namespace rs::station
