// Station migration 2: print_jobs, the durable print queue.
#include "station/printing/print_schema.h"

namespace rs::station {

store::Migration print_jobs_migration() {
    return {"station", 2, "print jobs: the durable label print queue", R"sql(
-- One row per label job. The ZPL is stored as sent, so a retry prints exactly the same label.
-- 'sending' is written before the first byte leaves: a job found in it after a crash may be
-- half-printed, and the station asks the printer (or a person) before sending it again.
CREATE TABLE print_jobs (
    id              TEXT PRIMARY KEY,          -- UUIDv7
    number          INTEGER NOT NULL UNIQUE,   -- what people type: `station jobs retry 12`
    printer         TEXT NOT NULL,
    template        TEXT NOT NULL,
    data            TEXT NOT NULL DEFAULT '{}',  -- the JSON the label was made from
    zpl             BLOB NOT NULL,
    copies          INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 999),
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed',
                                                   'cancelled')),
    attention       TEXT NOT NULL DEFAULT '',  -- non-empty: waiting for a person, and why
    repair_order_id TEXT REFERENCES repair_orders (id),
    reprint_of      TEXT REFERENCES print_jobs (id),
    reason          TEXT NOT NULL DEFAULT '',  -- why a reprint was asked for
    operator_id     TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_ms      INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX print_jobs_by_state ON print_jobs (state, printer, number);
)sql"};
}

}  // namespace rs::station
