// Sync tables: what the platform refused, where the pull stands, and what it flagged.
#include "station/sync/sync_schema.h"

namespace rs::station {

store::Migration sync_migration() {
    return {
        "station", 4,
        "platform sync: outbox seq never reused, rejections, sync state, order flags, refused RMAs",
        R"sql(
-- The platform keeps each repair order's events in the order of their seq, so a seq must never
-- be handed out twice. A plain INTEGER PRIMARY KEY starts again at 1 once the sync has emptied
-- the table; AUTOINCREMENT never reuses one. Same columns, rows copied.
CREATE TABLE outbox_sequenced (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT NOT NULL UNIQUE,
    type         TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    time_ms      INTEGER NOT NULL,
    payload      TEXT NOT NULL
) STRICT;
INSERT INTO outbox_sequenced (seq, event_id, type, aggregate_id, time_ms, payload)
    SELECT seq, event_id, type, aggregate_id, time_ms, payload FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_sequenced RENAME TO outbox;

-- Events the platform rejected. They stay in the outbox, and so do the later events of the same
-- repair order (held back so the platform sees each order's events in sequence), until a person
-- runs `station sync retry`.
CREATE TABLE sync_rejections (
    event_id     TEXT PRIMARY KEY REFERENCES outbox (event_id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    aggregate_id TEXT NOT NULL,
    code         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    rejected_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_rejections_by_aggregate ON sync_rejections (aggregate_id, seq);

-- Where the sync stands (RMA cursor, last results, last error), so `station sync status` can
-- tell it from any process.
CREATE TABLE sync_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- What the platform said about an order that needs a person: an RMA cancelled after intake.
-- Flags never delete or move the order.
CREATE TABLE repair_order_flags (
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
    kind            TEXT NOT NULL,
    detail          TEXT NOT NULL,
    raised_ms       INTEGER NOT NULL,
    PRIMARY KEY (repair_order_id, kind)
) STRICT, WITHOUT ROWID;

-- RMAs from the platform this station could not read; replaced when a valid version arrives.
CREATE TABLE sync_refused_rmas (
    rma_id  TEXT PRIMARY KEY,
    number  TEXT NOT NULL,
    reason  TEXT NOT NULL,
    seen_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql"};
}

}  // namespace rs::station
