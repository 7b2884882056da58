// Station migration 20 (qa_attempts, qa_results).
#include "station/orders/qa_schema.h"

namespace rs::station {

store::Migration qa_migration() {
    return {"station", 20, "QA attempts with their checklist, and the result of each step", R"sql(
-- One row each time a repaired order enters QA. The checklist in force then is copied here (as
-- JSON): a later policy never changes what an order was checked against. The attempt number
-- counts from 1 per order: an order passed at attempt 1 passed QA first time (first-pass yield).
CREATE TABLE qa_attempts (
    id              TEXT PRIMARY KEY,        -- UUIDv7
    repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
    attempt         INTEGER NOT NULL CHECK (attempt >= 1),
    category        TEXT NOT NULL,
    policy_version  TEXT NOT NULL,
    checklist       TEXT NOT NULL,           -- JSON {category, title, steps}
    repair_codes    TEXT NOT NULL DEFAULT '[]',  -- JSON list: what the repair did (IRIS codes)
    started_by      TEXT NOT NULL,
    started_ms      INTEGER NOT NULL,
    outcome         TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'passed', 'failed')),
    reason          TEXT NOT NULL DEFAULT '',  -- a failed attempt: why it went back to repair
    finished_by     TEXT,
    finished_ms     INTEGER,
    UNIQUE (repair_order_id, attempt)
) STRICT;
-- At most one attempt of an order is open.
CREATE UNIQUE INDEX qa_attempts_one_open ON qa_attempts (repair_order_id) WHERE outcome = 'open';

-- The latest result of each step of an attempt (recording a step again replaces it; the audit
-- log keeps every recording). The value is kept as the technician typed it.
CREATE TABLE qa_results (
    attempt_id  TEXT NOT NULL REFERENCES qa_attempts (id),
    step        INTEGER NOT NULL CHECK (step >= 1),
    passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
    value       TEXT NOT NULL DEFAULT '',    -- measured steps
    photo_id    TEXT REFERENCES photos (id), -- photo steps
    note        TEXT NOT NULL DEFAULT '',
    operator_id TEXT NOT NULL,
    recorded_ms INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, step)
) STRICT;
)sql"};
}

}  // namespace rs::station
