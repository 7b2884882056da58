// Station migration 12: exchanges and resale inspections.
#include "station/returns/returns_schema.h"

namespace rs::station {

store::Migration returns_migration() {
    return {"station", 12, "exchanges and resale inspections of returned units", R"sql(
-- An exchange: the replacement unit taken from stock for the customer, and what becomes of the
-- unit the customer sent in. One per repair order.
CREATE TABLE exchanges (
    repair_order_id    TEXT PRIMARY KEY REFERENCES repair_orders (id),
    product            TEXT NOT NULL,
    replacement_sku    TEXT NOT NULL,
    replacement_serial TEXT NOT NULL UNIQUE,
    unit_cost          INTEGER NOT NULL,   -- the replacement's ledger cost, minor units
    returned_unit      TEXT NOT NULL
        CHECK (returned_unit IN ('refurbishment', 'supplier_return', 'scrap')),
    operator_id        TEXT NOT NULL,
    exchanged_ms       INTEGER NOT NULL
) STRICT;

-- A no-reason return inspected for resale: its grade, what came with it, and where it went.
CREATE TABLE resale_inspections (
    repair_order_id     TEXT PRIMARY KEY REFERENCES repair_orders (id),
    grade               TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
    missing_accessories TEXT NOT NULL,     -- JSON list, from the diagnosis
    activated           INTEGER NOT NULL,  -- 0/1, from the diagnosis
    outcome             TEXT NOT NULL CHECK (outcome IN ('restock', 'return_to_vendor')),
    serial              TEXT NOT NULL,
    sku                 TEXT NOT NULL,     -- the whole-unit part restocked; '' when not
    bin                 TEXT NOT NULL,     -- where it was put away; '' when not
    operator_id         TEXT NOT NULL,
    inspected_ms        INTEGER NOT NULL
) STRICT;
)sql"};
}

}  // namespace rs::station
