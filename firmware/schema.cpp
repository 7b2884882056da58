// Firmware tables: device models by USB ids, images and the models they fit.
#include "firmware/schema.h"

namespace rs::firmware {

std::vector<store::Migration> firmware_migrations() {
    return {
        {"firmware", 1, "firmware catalog: device models by USB ids, images, what they fit",
         R"sql(
-- How a device says which model and hardware revision it is: its USB ids in run-time or DFU
-- mode, as the vendor's file set lists them.
CREATE TABLE fw_models (
    vendor_id  INTEGER NOT NULL CHECK (vendor_id BETWEEN 0 AND 65535),
    product_id INTEGER NOT NULL CHECK (product_id BETWEEN 0 AND 65535),
    dfu_mode   INTEGER NOT NULL CHECK (dfu_mode IN (0, 1)),
    model      TEXT NOT NULL,
    revision   TEXT NOT NULL DEFAULT '',   -- '' when the ids do not tell revisions apart
    vendor     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vendor_id, product_id, dfu_mode)
) STRICT;

-- One row per image file, named by its SHA-256; the file itself lies in the catalog's folder.
CREATE TABLE fw_images (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    version       TEXT NOT NULL,
    floor_version TEXT NOT NULL DEFAULT '',  -- no device it fits may go below this version
    format        TEXT NOT NULL CHECK (format IN ('raw', 'dfu', 'dfuse')),
    size          INTEGER NOT NULL CHECK (size > 0),
    file_name     TEXT NOT NULL,             -- as the vendor named it
    vendor        TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',  -- release notes
    imported_ms   INTEGER NOT NULL
) STRICT;

CREATE TABLE fw_image_fits (
    image_id INTEGER NOT NULL REFERENCES fw_images (id),
    model    TEXT NOT NULL,
    revision TEXT NOT NULL DEFAULT '',       -- '' fits every revision of the model
    PRIMARY KEY (image_id, model, revision)
) STRICT, WITHOUT ROWID;
CREATE INDEX fw_image_fits_by_model ON fw_image_fits (model, revision);
)sql"},
    };
}

}  // namespace rs::firmware
