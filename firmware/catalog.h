// FirmwareCatalog: the images a repair center may flash, per device model and hardware revision,
// imported from a vendor's file set (a folder with firmware.json and the image files). Rows in
// the store, files in a folder named by their SHA-256.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/store/database.h"
#include "firmware/dfu_file.h"

namespace rs::firmware {

// What a device is, as its USB ids tell.
struct DeviceModel {
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    bool dfu_mode = false;
    std::string model;
    std::string revision;  // '' when the ids do not tell revisions apart
    std::string vendor;
};

struct ModelFit {
    std::string model;
    std::string revision;  // '' fits every revision
    bool operator==(const ModelFit&) const = default;
};

struct CatalogImage {
    std::int64_t id = 0;
    std::string sha256;
    std::string version;
    std::string floor_version;  // '' when the vendor gives none
    ImageFormat format = ImageFormat::Raw;
    std::int64_t size = 0;
    std::string file_name;
    std::string vendor;
    std::string notes;
    std::int64_t imported_ms = 0;
    std::vector<ModelFit> fits;
    bool fits_device(const std::string& model, const std::string& revision) const;
};

struct ImportReport {
    int images_added = 0;
    int images_known = 0;  // already in the catalog (same SHA-256)
    int models_added = 0;
    std::vector<std::string> lines;  // one per image, for people
};

// The file set's manifest, `firmware.json`:
//   {"vendor": "Acme",
//    "models": [{"model": "Watch 4", "revision": "B", "vendor_id": "1209",
//                "runtime_product_id": "2001", "dfu_product_id": "2002"}],
//    "images": [{"file": "watch4-2.4.1.dfu", "version": "2.4.1", "floor_version": "2.0.0",
//                "sha256": "...", "notes": "...",
//                "fits": [{"model": "Watch 4", "revisions": ["B", "C"]}]}]}
// "sha256" is optional; when given the file must have it. "revisions" may be left out: every
// revision.
inline constexpr const char* k_manifest_name = "firmware.json";

class FirmwareCatalog {
public:
    // `image_dir` holds the imported files (made when needed).
    FirmwareCatalog(store::Database& database, std::string image_dir, const Clock& clock)
        : m_database(database), m_image_dir(std::move(image_dir)), m_clock(clock) {}

    // A folder with firmware.json, or the manifest file itself. All or nothing: a file that is
    // missing, damaged (bad DFU suffix CRC, broken DfuSe file), whose SHA-256 differs from the
    // manifest, or a version that is not a version, refuses the whole import.
    Result<ImportReport> import(const std::string& path);

    Result<std::vector<CatalogImage>> images(const std::optional<std::string>& model = {});
    Result<std::optional<CatalogImage>> image_by_sha256(const std::string& sha256);
    // Images that fit the model and revision, newest version first.
    Result<std::vector<CatalogImage>> images_for(const std::string& model,
                                                 const std::string& revision);
    // The highest floor among the images that fit: no flash may go below it.
    Result<std::string> floor_for(const std::string& model, const std::string& revision);
    Result<std::optional<DeviceModel>> model_of(std::uint16_t vendor_id, std::uint16_t product_id,
                                                bool dfu_mode);
    // Every USB product id the model has (run-time and DFU mode).
    Result<std::vector<std::uint16_t>> product_ids_of(const std::string& model);
    Result<std::vector<DeviceModel>> models();

    std::string image_path(const CatalogImage& image) const;
    const std::string& image_dir() const { return m_image_dir; }

private:
    Status load_fits(CatalogImage& image);

    store::Database& m_database;
    std::string m_image_dir;
    const Clock& m_clock;
};

}  // namespace rs::firmware
