// The photos and photo_annotations tables (station migration 3).
#include "station/photos/photo_schema.h"

namespace rs::station {

store::Migration photo_migration() {
    return {"station", 3, "photos of repair orders, with quality, codes and annotations", R"sql(
-- One row per photo file; the file is named by its SHA-256, so the same picture is kept once.
CREATE TABLE photos (
    id                 TEXT PRIMARY KEY,                 -- UUIDv7
    sha256             TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    repair_order_id    TEXT NOT NULL REFERENCES repair_orders (id),
    stage              TEXT NOT NULL CHECK (stage IN ('intake', 'diagnosis', 'qa', 'packing')),
    camera             TEXT NOT NULL,                    -- the camera's source name
    operator_id        TEXT NOT NULL,
    taken_ms           INTEGER NOT NULL,
    width              INTEGER NOT NULL CHECK (width > 0),
    height             INTEGER NOT NULL CHECK (height > 0),
    bytes              INTEGER NOT NULL CHECK (bytes > 0),
    sharpness          REAL NOT NULL,
    brightness         REAL NOT NULL,
    clipped_shadows    REAL NOT NULL,
    clipped_highlights REAL NOT NULL,
    glare              REAL NOT NULL,
    verdict            TEXT NOT NULL,                    -- ok, or issues: "blurred, glare"
    findings           TEXT NOT NULL DEFAULT '[]',       -- JSON: [{issue, advice}]
    codes              TEXT NOT NULL DEFAULT '[]',       -- JSON: [{text, symbology, format, corners}]
    created_ms         INTEGER NOT NULL
) STRICT;
CREATE INDEX photos_by_order ON photos (repair_order_id, taken_ms);

-- Damage marked on a photo: a rectangle in the photo's pixels and what it shows.
CREATE TABLE photo_annotations (
    id          INTEGER PRIMARY KEY,
    photo_id    TEXT NOT NULL REFERENCES photos (id),
    x           INTEGER NOT NULL CHECK (x >= 0),
    y           INTEGER NOT NULL CHECK (y >= 0),
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    label       TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    operator_id TEXT NOT NULL,
    created_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX photo_annotations_by_photo ON photo_annotations (photo_id, id);
)sql"};
}

}  // namespace rs::station
