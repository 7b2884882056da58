// Inventory tables: parts, locations, ledger of moves, balances, reservations, backorders,
// suppliers and supplier returns.
#include "inventory/schema.h"

namespace rs::inventory {

std::vector<store::Migration> inventory_migrations() {
    return {
        {"inventory", 1, "parts catalog, locations, stock ledger, reservations, backorders",
         R"sql(
CREATE TABLE inv_parts (
    id             INTEGER PRIMARY KEY,
    sku            TEXT NOT NULL UNIQUE,       -- SKU-... plus check character
    mpn            TEXT NOT NULL DEFAULT '',   -- manufacturer part number
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    tracking       TEXT NOT NULL CHECK (tracking IN ('none', 'lot', 'serial')),
    unit           TEXT NOT NULL DEFAULT 'pcs',
    standard_cost  INTEGER NOT NULL DEFAULT 0 CHECK (standard_cost >= 0),  -- minor units
    reorder_point  INTEGER NOT NULL DEFAULT 0 CHECK (reorder_point >= 0),
    reorder_qty    INTEGER NOT NULL DEFAULT 0 CHECK (reorder_qty >= 0),
    created_ms     INTEGER NOT NULL
) STRICT;

CREATE TABLE inv_part_gtins (
    gtin    TEXT PRIMARY KEY,                   -- 14 digits, so EAN-13 and GTIN-14 compare equal
    part_id INTEGER NOT NULL REFERENCES inv_parts (id)
) STRICT, WITHOUT ROWID;
CREATE INDEX inv_part_gtins_by_part ON inv_part_gtins (part_id);

CREATE TABLE inv_part_models (
    part_id INTEGER NOT NULL REFERENCES inv_parts (id),
    model   TEXT NOT NULL,
    PRIMARY KEY (part_id, model)
) STRICT, WITHOUT ROWID;

-- Parts allowed when the preferred one is out, best first.
CREATE TABLE inv_part_substitutes (
    part_id       INTEGER NOT NULL REFERENCES inv_parts (id),
    substitute_id INTEGER NOT NULL REFERENCES inv_parts (id),
    rank          INTEGER NOT NULL,
    PRIMARY KEY (part_id, substitute_id)
) STRICT, WITHOUT ROWID;

-- Running totals per part, kept in the same transaction as every move and reservation, so
-- "how many can I have" is one row read. Checked against the ledger by check_invariants().
CREATE TABLE inv_part_stock (
    part_id      INTEGER PRIMARY KEY REFERENCES inv_parts (id),
    on_hand      INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    average_cost INTEGER NOT NULL DEFAULT 0     -- moving average, minor units per unit
) STRICT;

-- Physical kinds hold stock that is never negative; the virtual kinds are the other side of
-- every entry (what came from a supplier, what a repair consumed, ...).
CREATE TABLE inv_locations (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('warehouse', 'zone', 'bin', 'workbench', 'supplier',
                                             'consumption', 'scrap', 'adjustment', 'in_transit',
                                             'supplier_return')),
    parent_id  INTEGER REFERENCES inv_locations (id),
    name       TEXT NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL
) STRICT;
INSERT INTO inv_locations (code, kind, name, created_ms) VALUES
    ('SUPPLIER', 'supplier', 'suppliers', 0),
    ('CONSUMPTION', 'consumption', 'used in repairs', 0),
    ('SCRAP', 'scrap', 'scrapped', 0),
    ('ADJUSTMENT', 'adjustment', 'count and manual adjustments', 0),
    ('IN-TRANSIT', 'in_transit', 'ordered, on the way', 0),
    ('SUPPLIER-RETURN', 'supplier_return', 'to be sent back to suppliers', 0),
    ('WORKBENCH', 'workbench', 'picked for a repair, not yet used', 0);

-- Double entry: every quantity change is one row, from one location to another.
CREATE TABLE inv_moves (
    id        INTEGER PRIMARY KEY,
    part_id   INTEGER NOT NULL REFERENCES inv_parts (id),
    from_id   INTEGER NOT NULL REFERENCES inv_locations (id),
    to_id     INTEGER NOT NULL REFERENCES inv_locations (id),
    qty       INTEGER NOT NULL CHECK (qty > 0),
    lot       TEXT NOT NULL DEFAULT '',
    serial    TEXT NOT NULL DEFAULT '',
    unit_cost INTEGER NOT NULL,                -- minor units, the value the move carried
    reference TEXT NOT NULL DEFAULT '',        -- receipt, repair order, count, transfer
    person    TEXT NOT NULL DEFAULT '',
    at_ms     INTEGER NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    CHECK (from_id <> to_id)
) STRICT;
CREATE INDEX inv_moves_by_part ON inv_moves (part_id, at_ms);

CREATE TABLE inv_balances (
    part_id         INTEGER NOT NULL REFERENCES inv_parts (id),
    location_id     INTEGER NOT NULL REFERENCES inv_locations (id),
    lot             TEXT NOT NULL DEFAULT '',
    serial          TEXT NOT NULL DEFAULT '',
    qty             INTEGER NOT NULL,
    reserved        INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    lot_received_ms INTEGER NOT NULL,           -- FIFO order of reservations
    PRIMARY KEY (part_id, location_id, lot, serial)
) STRICT, WITHOUT ROWID;
CREATE INDEX inv_balances_by_location ON inv_balances (location_id);
CREATE INDEX inv_balances_by_serial ON inv_balances (part_id, serial) WHERE serial <> '';

CREATE TABLE inv_reservations (
    id             INTEGER PRIMARY KEY,
    order_ref      TEXT NOT NULL,               -- the repair order, e.g. RO-000123 + check
    part_id        INTEGER NOT NULL REFERENCES inv_parts (id),
    location_id    INTEGER NOT NULL REFERENCES inv_locations (id),  -- where it is now
    origin_id      INTEGER NOT NULL REFERENCES inv_locations (id),  -- the bin it came from
    lot            TEXT NOT NULL DEFAULT '',
    serial         TEXT NOT NULL DEFAULT '',
    qty            INTEGER NOT NULL CHECK (qty > 0),
    state          TEXT NOT NULL CHECK (state IN ('reserved', 'picked', 'consumed', 'released')),
    person         TEXT NOT NULL DEFAULT '',
    created_ms     INTEGER NOT NULL,
    updated_ms     INTEGER NOT NULL
) STRICT;
CREATE INDEX inv_reservations_by_order ON inv_reservations (order_ref, state);

CREATE TABLE inv_backorders (
    id         INTEGER PRIMARY KEY,
    order_ref  TEXT NOT NULL,
    part_id    INTEGER NOT NULL REFERENCES inv_parts (id),
    qty        INTEGER NOT NULL CHECK (qty > 0),
    state      TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'cancelled', 'filled')),
    created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX inv_backorders_open ON inv_backorders (part_id) WHERE state = 'open';
)sql"},
        {"inventory", 2, "suppliers, the parts they supply, supplier return batches, quarantine",
         R"sql(
CREATE TABLE inv_suppliers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    contact    TEXT NOT NULL DEFAULT '',         -- the person to ask
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',         -- where supplier returns are sent
    created_ms INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX inv_suppliers_by_name ON inv_suppliers (lower(name));

CREATE TABLE inv_supplier_parts (
    supplier_id          INTEGER NOT NULL REFERENCES inv_suppliers (id),
    part_id              INTEGER NOT NULL REFERENCES inv_parts (id),
    supplier_part_number TEXT NOT NULL DEFAULT '',  -- the supplier's own number
    PRIMARY KEY (supplier_id, part_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX inv_supplier_parts_by_part ON inv_supplier_parts (part_id);

-- A box of parts going back to one supplier: open while parts are added, shipped once.
CREATE TABLE inv_supplier_returns (
    id              INTEGER PRIMARY KEY,
    number          INTEGER NOT NULL UNIQUE,         -- printed as SR-000001
    supplier_id     INTEGER NOT NULL REFERENCES inv_suppliers (id),
    state           TEXT NOT NULL CHECK (state IN ('open', 'shipped')),
    supplier_rma    TEXT NOT NULL DEFAULT '',        -- the supplier's return authorization
    opened_by       TEXT NOT NULL,
    opened_ms       INTEGER NOT NULL,
    shipped_by      TEXT NOT NULL DEFAULT '',
    shipped_ms      INTEGER,
    carrier         TEXT NOT NULL DEFAULT '',
    tracking_number TEXT NOT NULL DEFAULT ''
) STRICT;

-- One part in a batch. From a bin it waits in QUARANTINE (on hand, not available) while
-- 'held'; from a repair order (origin CONSUMPTION: a core or a part dead at fitting) it is not
-- stock. Either leaves with one move to SUPPLIER-RETURN when the batch ships.
CREATE TABLE inv_supplier_return_lines (
    id         INTEGER PRIMARY KEY,
    return_id  INTEGER NOT NULL REFERENCES inv_supplier_returns (id),
    part_id    INTEGER NOT NULL REFERENCES inv_parts (id),
    qty        INTEGER NOT NULL CHECK (qty > 0),
    lot        TEXT NOT NULL DEFAULT '',
    serial     TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL CHECK (reason IN ('doa', 'good_part_return', 'core_return',
                                               'damaged')),
    origin_id  INTEGER NOT NULL REFERENCES inv_locations (id),
    reference  TEXT NOT NULL DEFAULT '',             -- the repair order or the receipt
    state      TEXT NOT NULL CHECK (state IN ('held', 'removed', 'shipped')),
    person     TEXT NOT NULL,
    added_ms   INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX inv_supplier_return_lines_by_return ON inv_supplier_return_lines (return_id);
CREATE INDEX inv_supplier_return_lines_by_reference
    ON inv_supplier_return_lines (reference, part_id);

-- Physical (the workbench kind: counted, valued, never reserved from) and apart from the bins.
INSERT INTO inv_locations (code, kind, name, created_ms) VALUES
    ('QUARANTINE', 'workbench', 'set aside for a supplier return: on hand, not available', 0);
-- Units in QUARANTINE per part, kept with every move like on_hand: available = on_hand -
-- reserved - held.
ALTER TABLE inv_part_stock ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0);
)sql"},
        {"inventory", 3, "whole units: the product a part is a whole device of; customers' returns",
         R"sql(
-- A part listed here is a whole device of one product (a replacement unit for exchanges, a
-- customer's returned unit put back in stock), not a spare part.
CREATE TABLE inv_unit_products (
    part_id INTEGER PRIMARY KEY REFERENCES inv_parts (id),
    product TEXT NOT NULL
) STRICT;
-- Returned units enter stock from the customers, as purchases enter from SUPPLIER: the same
-- virtual kind (the outside), its own code so that the ledger says which.
INSERT INTO inv_locations (code, kind, name, created_ms) VALUES
    ('CUSTOMERS', 'supplier', 'units customers sent back', 0);
)sql"},
    };
}

}  // namespace rs::inventory
