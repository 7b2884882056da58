// Station migrations 10 (waybill_pool, shipments) and 11 (manifests).
#include "station/shipping/shipping_schema.h"

namespace rs::station {

store::Migration shipping_migration() {
    return {"station", 10, "waybill number pool and shipments", R"sql(
-- Waybill numbers the platform issued to this station (carriers hand out ranges in advance, so
-- a station can ship offline). A number is used once: by the shipment that took it. Numbers
-- are never deleted, so every number the station received has a record of what became of it.
CREATE TABLE waybill_pool (
    number       TEXT PRIMARY KEY,
    carrier      TEXT NOT NULL,
    batch        TEXT NOT NULL,      -- the platform's answer that brought it
    received_ms  INTEGER NOT NULL,
    used_ms      INTEGER             -- NULL: free
) STRICT;
CREATE INDEX waybill_pool_free ON waybill_pool (carrier, used_ms, number);

-- A device handed to a carrier: one per repair order.
CREATE TABLE shipments (
    repair_order_id TEXT PRIMARY KEY REFERENCES repair_orders (id),
    tracking_number TEXT NOT NULL UNIQUE REFERENCES waybill_pool (number),
    carrier         TEXT NOT NULL,
    service         TEXT NOT NULL,
    freight_payer   TEXT NOT NULL,
    weight_g        INTEGER NOT NULL CHECK (weight_g > 0),
    contents        TEXT NOT NULL,   -- JSON list of what is in the parcel
    operator_id     TEXT NOT NULL,
    shipped_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX shipments_by_time ON shipments (shipped_ms);
)sql"};
}

store::Migration manifest_migration() {
    return {"station", 11, "end-of-day manifests of the parcels handed to each carrier", R"sql(
-- The list a carrier's driver signs at pick-up: every parcel of that carrier shipped since the
-- last one. A shipment is on at most one manifest.
CREATE TABLE manifests (
    id          TEXT PRIMARY KEY,
    number      INTEGER NOT NULL UNIQUE,   -- what people say: manifest 12
    carrier     TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    closed_ms   INTEGER NOT NULL
) STRICT;
ALTER TABLE shipments ADD COLUMN manifest_id TEXT REFERENCES manifests (id);
CREATE INDEX shipments_by_manifest ON shipments (carrier, manifest_id);
)sql"};
}

}  // namespace rs::station
