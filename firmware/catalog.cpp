// FirmwareCatalog: importing a vendor's file set in one transaction, and the lookups a flash
// session makes.
#include "firmware/catalog.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/sha256.h"
#include "common/store/transaction.h"
#include "firmware/version.h"

namespace rs::firmware {
namespace {

namespace fs = std::filesystem;

std::unexpected<Error> refused(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "firmware");
}

Result<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::NotFound, fmt::format("cannot read {}", path.string()), "firmware");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

Result<std::uint16_t> usb_id(const nlohmann::json& object, const char* key,
                             const std::string& where) {
    if (!object.contains(key) || !object[key].is_string())
        return refused(
            fmt::format("{}: \"{}\" must be a hexadecimal USB id such as \"2001\"", where, key));
    std::string text = object[key].get<std::string>();
    std::uint16_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (text.empty() || text.size() > 4 || error != std::errc() || end != text.data() + text.size())
        return refused(
            fmt::format("{}: \"{}\" is \"{}\", not a hexadecimal USB id", where, key, text));
    return value;
}

std::string text_of(const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// An image read from the manifest and checked, before anything is written.
struct PendingImage {
    CatalogImage image;
    std::string bytes;
};

CatalogImage read_image(store::RowReader row) {
    CatalogImage image;
    row.read(image.id, image.sha256, image.version, image.floor_version, image.format, image.size,
             image.file_name, image.vendor, image.notes, image.imported_ms);
    return image;
}

constexpr const char* k_image_columns =
    "SELECT id, sha256, version, floor_version, format, size, file_name, vendor, notes, "
    "imported_ms FROM fw_images";

}  // namespace

bool CatalogImage::fits_device(const std::string& model, const std::string& revision) const {
    return std::any_of(fits.begin(), fits.end(), [&](const ModelFit& fit) {
        return fit.model == model && (fit.revision.empty() || fit.revision == revision);
    });
}

std::string FirmwareCatalog::image_path(const CatalogImage& image) const {
    return (fs::path(m_image_dir) / fmt::format("{}.{}", image.sha256, name_of(image.format)))
        .string();
}

Result<ImportReport> FirmwareCatalog::import(const std::string& path) {
    fs::path manifest_path = path;
    std::error_code error;
    if (fs::is_directory(manifest_path, error)) manifest_path /= k_manifest_name;
    auto text = read_file(manifest_path);
    if (!text)
        return refused(
            fmt::format("{}: no {} there (a vendor's file set is a folder with {} and "
                        "its image files)",
                        path, k_manifest_name, k_manifest_name));
    nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object())
        return refused(fmt::format("{}: not a JSON object", manifest_path.string()));
    fs::path folder = manifest_path.parent_path();
    std::string vendor = text_of(manifest, "vendor");

    std::vector<DeviceModel> models;
    for (const auto& entry : manifest.value("models", nlohmann::json::array())) {
        std::string where =
            fmt::format("{}: model \"{}\"", manifest_path.string(), text_of(entry, "model"));
        if (!entry.is_object() || text_of(entry, "model").empty())
            return refused(
                fmt::format("{}: every model needs a \"model\" name", manifest_path.string()));
        auto vendor_id = usb_id(entry, "vendor_id", where);
        if (!vendor_id) return std::unexpected(vendor_id.error());
        for (auto [key, dfu] : {std::pair{"runtime_product_id", false}, {"dfu_product_id", true}}) {
            if (!entry.contains(key)) continue;
            auto product_id = usb_id(entry, key, where);
            if (!product_id) return std::unexpected(product_id.error());
            models.push_back({*vendor_id, *product_id, dfu, text_of(entry, "model"),
                              text_of(entry, "revision"), vendor});
        }
    }

    std::vector<PendingImage> pending;
    for (const auto& entry : manifest.value("images", nlohmann::json::array())) {
        std::string file = text_of(entry, "file");
        std::string where = fmt::format("{}: image \"{}\"", manifest_path.string(), file);
        if (file.empty() || file.find('/') != std::string::npos)
            return refused(fmt::format("{}: \"file\" must name a file beside the manifest", where));
        PendingImage image;
        auto bytes = read_file(folder / file);
        if (!bytes) return refused(fmt::format("{}: the file is missing", where));
        image.bytes = std::move(*bytes);
        auto parsed = parse_firmware_file(image.bytes);
        if (!parsed) return refused(fmt::format("{}: {}", where, parsed.error().message));
        if (parsed->data_size() == 0) return refused(fmt::format("{}: the image is empty", where));
        image.image.sha256 = sha256_hex(image.bytes);
        std::string declared = text_of(entry, "sha256");
        std::transform(declared.begin(), declared.end(), declared.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!declared.empty() && declared != image.image.sha256)
            return refused(
                fmt::format("{}: its SHA-256 is {}, the manifest says {}: the file is "
                            "not the one the vendor released",
                            where, image.image.sha256, declared));
        image.image.version = text_of(entry, "version");
        image.image.floor_version = text_of(entry, "floor_version");
        if (!is_version(image.image.version))
            return refused(fmt::format("{}: version \"{}\" is not a dotted number such as 2.4.1",
                                       where, image.image.version));
        if (!image.image.floor_version.empty() &&
            (!is_version(image.image.floor_version) ||
             *compare_versions(image.image.floor_version, image.image.version) > 0))
            return refused(
                fmt::format("{}: floor_version \"{}\" must be a version no higher "
                            "than the image's {}",
                            where, image.image.floor_version, image.image.version));
        image.image.format = parsed->format;
        image.image.size = static_cast<std::int64_t>(image.bytes.size());
        image.image.file_name = file;
        image.image.vendor = vendor;
        image.image.notes = text_of(entry, "notes");
        for (const auto& fit : entry.value("fits", nlohmann::json::array())) {
            std::string model = text_of(fit, "model");
            if (model.empty())
                return refused(fmt::format("{}: every entry of \"fits\" needs a \"model\"", where));
            auto revisions = fit.value("revisions", nlohmann::json::array());
            if (revisions.empty()) image.image.fits.push_back({model, ""});
            for (const auto& revision : revisions)
                image.image.fits.push_back(
                    {model, revision.is_string() ? revision.get<std::string>() : ""});
        }
        if (image.image.fits.empty())
            return refused(
                fmt::format("{}: \"fits\" names no model: the catalog would never "
                            "choose it",
                            where));
        pending.push_back(std::move(image));
    }
    if (pending.empty() && models.empty())
        return refused(fmt::format("{}: lists no models and no images", manifest_path.string()));

    // The files first (named by content, so a failed import leaves only harmless copies), then
    // every row in one transaction.
    fs::create_directories(m_image_dir, error);
    if (error)
        return fail(ErrorCode::Io, fmt::format("cannot make {}: {}", m_image_dir, error.message()),
                    "firmware");
    for (const auto& image : pending) {
        std::string target = image_path(image.image);
        if (fs::exists(target)) continue;
        std::string temporary = target + ".part";
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            out.write(image.bytes.data(), static_cast<std::streamsize>(image.bytes.size()));
            if (!out.flush())
                return fail(ErrorCode::Io, fmt::format("cannot write {}", temporary), "firmware");
        }
        fs::rename(temporary, target, error);
        if (error)
            return fail(ErrorCode::Io, fmt::format("cannot write {}: {}", target, error.message()),
                        "firmware");
    }
    auto transaction = store::Transaction::begin(m_database);
    if (!transaction) return std::unexpected(transaction.error());
    ImportReport report;
    for (const auto& model : models) {
        auto insert = m_database.cached(
            "INSERT INTO fw_models (vendor_id, product_id, dfu_mode, model, revision, vendor) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (vendor_id, product_id, dfu_mode) DO "
            "UPDATE SET model = excluded.model, revision = excluded.revision, "
            "vendor = excluded.vendor");
        if (!insert) return std::unexpected(insert.error());
        (*insert)->bind_all(int{model.vendor_id}, int{model.product_id}, model.dfu_mode ? 1 : 0,
                            model.model, model.revision, model.vendor);
        auto changed = (*insert)->run_and_count();
        if (!changed) return std::unexpected(changed.error());
        ++report.models_added;
    }
    for (const auto& pending_image : pending) {
        const CatalogImage& image = pending_image.image;
        auto id = m_database.query_one<std::int64_t>(
            "INSERT INTO fw_images (sha256, version, floor_version, format, size, file_name, "
            "vendor, notes, imported_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (sha256) DO NOTHING RETURNING id",
            image.sha256, image.version, image.floor_version, image.format, image.size,
            image.file_name, image.vendor, image.notes, m_clock.now_ms());
        if (!id) return std::unexpected(id.error());
        if (!*id) {
            ++report.images_known;
            report.lines.push_back(fmt::format("known    {} {} ({})", image.version,
                                               image.file_name, image.sha256.substr(0, 12)));
            continue;
        }
        for (const auto& fit : image.fits) {
            auto insert = m_database.cached(
                "INSERT INTO fw_image_fits (image_id, model, revision) VALUES (?1, ?2, ?3) "
                "ON CONFLICT DO NOTHING");
            if (!insert) return std::unexpected(insert.error());
            if (auto ran = (*insert)->bind_all(**id, fit.model, fit.revision).run(); !ran)
                return std::unexpected(ran.error());
        }
        ++report.images_added;
        report.lines.push_back(fmt::format("added    {} {} ({}, {} bytes, {})", image.version,
                                           image.file_name, name_of(image.format), image.size,
                                           image.sha256.substr(0, 12)));
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return report;
}

Status FirmwareCatalog::load_fits(CatalogImage& image) {
    auto query = m_database.cached(
        "SELECT model, revision FROM fw_image_fits WHERE image_id = ?1 ORDER BY model, revision");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(image.id);
    return (*query)->each_row([&](store::RowReader row) {
        ModelFit fit;
        row.read(fit.model, fit.revision);
        image.fits.push_back(std::move(fit));
    });
}

Result<std::vector<CatalogImage>> FirmwareCatalog::images(const std::optional<std::string>& model) {
    std::string sql =
        std::string(k_image_columns) +
        (model ? " WHERE id IN (SELECT image_id FROM fw_image_fits WHERE model = ?1)" : "") +
        " ORDER BY id";
    auto query = m_database.prepare(sql);
    if (!query) return std::unexpected(query.error());
    if (model) query->bind(1, *model);
    std::vector<CatalogImage> found;
    if (auto read =
            query->each_row([&](store::RowReader row) { found.push_back(read_image(row)); });
        !read)
        return std::unexpected(read.error());
    for (auto& image : found)
        if (auto fits = load_fits(image); !fits) return std::unexpected(fits.error());
    return found;
}

Result<std::optional<CatalogImage>> FirmwareCatalog::image_by_sha256(const std::string& sha256) {
    auto query = m_database.prepare(std::string(k_image_columns) + " WHERE sha256 = ?1");
    if (!query) return std::unexpected(query.error());
    query->bind(1, sha256);
    auto row = query->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<CatalogImage>();
    CatalogImage image = read_image(*query);
    if (auto fits = load_fits(image); !fits) return std::unexpected(fits.error());
    return std::optional<CatalogImage>(std::move(image));
}

Result<std::vector<CatalogImage>> FirmwareCatalog::images_for(const std::string& model,
                                                              const std::string& revision) {
    auto all = images(model);
    if (!all) return std::unexpected(all.error());
    std::vector<CatalogImage> fitting;
    for (auto& image : *all)
        if (image.fits_device(model, revision)) fitting.push_back(std::move(image));
    std::stable_sort(fitting.begin(), fitting.end(), [](const auto& a, const auto& b) {
        return compare_versions(a.version, b.version).value_or(0) > 0;
    });
    return fitting;
}

Result<std::string> FirmwareCatalog::floor_for(const std::string& model,
                                               const std::string& revision) {
    auto fitting = images_for(model, revision);
    if (!fitting) return std::unexpected(fitting.error());
    std::string floor;
    for (const auto& image : *fitting)
        if (!image.floor_version.empty() &&
            (floor.empty() || compare_versions(image.floor_version, floor).value_or(0) > 0))
            floor = image.floor_version;
    return floor;
}

Result<std::optional<DeviceModel>> FirmwareCatalog::model_of(std::uint16_t vendor_id,
                                                             std::uint16_t product_id,
                                                             bool dfu_mode) {
    auto query = m_database.cached(
        "SELECT vendor_id, product_id, dfu_mode, model, revision, vendor FROM fw_models "
        "WHERE vendor_id = ?1 AND product_id = ?2 ORDER BY dfu_mode = ?3 DESC");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(int{vendor_id}, int{product_id}, dfu_mode ? 1 : 0);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<DeviceModel>();
    DeviceModel model;
    store::RowReader(**query).read(model.vendor_id, model.product_id, model.dfu_mode, model.model,
                                   model.revision, model.vendor);
    return std::optional<DeviceModel>(std::move(model));
}

Result<std::vector<std::uint16_t>> FirmwareCatalog::product_ids_of(const std::string& model) {
    auto query = m_database.cached("SELECT product_id FROM fw_models WHERE model = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(model);
    std::vector<std::uint16_t> ids;
    if (auto read = (*query)->each_row(
            [&](store::RowReader row) { ids.push_back(row.get<std::uint16_t>()); });
        !read)
        return std::unexpected(read.error());
    return ids;
}

Result<std::vector<DeviceModel>> FirmwareCatalog::models() {
    auto query = m_database.prepare(
        "SELECT vendor_id, product_id, dfu_mode, model, revision, vendor FROM fw_models "
        "ORDER BY model, revision, dfu_mode");
    if (!query) return std::unexpected(query.error());
    std::vector<DeviceModel> found;
    if (auto read = query->each_row([&](store::RowReader row) {
            DeviceModel model;
            row.read(model.vendor_id, model.product_id, model.dfu_mode, model.model, model.revision,
                     model.vendor);
            found.push_back(std::move(model));
        });
        !read)
        return std::unexpected(read.error());
    return found;
}

}  // namespace rs::firmware
