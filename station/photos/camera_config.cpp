// [cameras] and [photos] parsing, with every key checked by name and type.
#include "station/photos/camera_config.h"

#include "common/store/database.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <set>

namespace rs::station {
namespace {

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "config");
}

// A number written as 40 or as 40.0. TOML also has nan and inf: a limit of nan compares false
// with everything, so every photo passed it; neither is a limit.
Result<double> config_number(const toml::table& table, const std::string& section, const char* key,
                             double fallback) {
    const toml::node* node = table.get(key);
    if (!node) return fallback;
    auto value = node->value<double>();
    if (!value) return invalid(fmt::format("[{}] {} must be a number", section, key));
    if (!std::isfinite(*value))
        return invalid(
            fmt::format("[{}] {} must be a finite number, not {}", section, key, *value));
    return *value;
}

Result<int> config_int_in(const toml::table& table, const std::string& section, const char* key,
                          int fallback, int low, int high) {
    auto value = config_integer(table, section, key, fallback);
    if (!value) return std::unexpected(value.error());
    if (*value < low || *value > high)
        return invalid(fmt::format("[{}] {} must be from {} to {}", section, key, low, high));
    return static_cast<int>(*value);
}

Status parse_quality(const toml::table& table, devices::QualityThresholds& thresholds) {
    const std::string section = "cameras.quality";
    struct Key {
        const char* name;
        double* value;
    };
    const Key keys[] = {{"min_sharpness", &thresholds.min_sharpness},
                        {"min_brightness", &thresholds.min_brightness},
                        {"max_brightness", &thresholds.max_brightness},
                        {"max_clipped_shadows", &thresholds.max_clipped_shadows},
                        {"max_clipped_highlights", &thresholds.max_clipped_highlights},
                        {"max_glare", &thresholds.max_glare}};
    std::vector<std::string_view> names;
    for (const auto& key : keys)
        names.push_back(key.name);
    if (auto checked = check_known_keys(table, section, names); !checked) return checked;
    for (const auto& key : keys) {
        auto value = config_number(table, section, key.name, *key.value);
        if (!value) return std::unexpected(value.error());
        if (*value < 0)
            return invalid(fmt::format("[{}] {} must not be negative", section, key.name));
        *key.value = *value;
    }
    return {};
}

Result<CameraEntry> parse_camera(const toml::table& row, std::size_t index) {
    const std::string section = fmt::format("cameras.device #{}", index + 1);
    if (auto checked =
            check_known_keys(row, section, {"name", "source", "width", "height", "fourcc", "fps"});
        !checked)
        return std::unexpected(checked.error());
    CameraEntry entry;
    auto name = config_string(row, section, "name", fmt::format("camera{}", index + 1));
    auto source = config_string(row, section, "source", "");
    auto fourcc = config_string(row, section, "fourcc", "MJPG");
    auto width = config_int_in(row, section, "width", 0, 0, 16384);
    auto height = config_int_in(row, section, "height", 0, 0, 16384);
    auto fps = config_int_in(row, section, "fps", 0, 0, 1000);
    if (!name) return std::unexpected(name.error());
    if (!source) return std::unexpected(source.error());
    if (!fourcc) return std::unexpected(fourcc.error());
    if (!width) return std::unexpected(width.error());
    if (!height) return std::unexpected(height.error());
    if (!fps) return std::unexpected(fps.error());
    if (source->empty())
        return invalid(
            fmt::format("[{}] needs source = \"/dev/v4l/by-id/...\" (or a file, a "
                        "URL, \"sim\")",
                        section));
    if (fourcc->size() != 4)
        return invalid(
            fmt::format("[{}] fourcc must be 4 characters, like \"MJPG\" or \"YUYV\"", section));
    entry.name = *name;
    entry.source = *source;
    entry.settings.width = *width;
    entry.settings.height = *height;
    entry.settings.fourcc = *fourcc;
    entry.settings.fps = *fps;
    entry.settings.simulated = devices::default_simulated_scene();
    return entry;
}

}  // namespace

const CameraEntry* CamerasConfig::find(const std::string& name) const {
    const std::string& wanted = name.empty() ? default_camera : name;
    if (wanted.empty()) return cameras.empty() ? nullptr : &cameras.front();
    for (const auto& camera : cameras)
        if (camera.name == wanted) return &camera;
    return nullptr;
}

Result<CamerasConfig> parse_cameras_config(const StationConfig& config) {
    CamerasConfig result;
    const toml::table* section = config.document["cameras"].as_table();
    if (!section) return result;
    const std::string name = "cameras";
    if (auto checked =
            check_known_keys(*section, name,
                             {"default", "still_frames", "skip_frames", "formats", "max_symbols",
                              "try_inverted", "try_rotated", "work_width", "quality", "device"});
        !checked)
        return std::unexpected(checked.error());
    auto default_camera = config_string(*section, name, "default", "");
    auto frames = config_int_in(*section, name, "still_frames", result.still.frames, 1, 300);
    auto skip = config_int_in(*section, name, "skip_frames", 0, 0, 300);
    auto max_symbols = config_int_in(*section, name, "max_symbols", 8, 1, 255);
    auto inverted = config_bool(*section, name, "try_inverted", true);
    auto rotated = config_bool(*section, name, "try_rotated", true);
    auto work_width = config_int_in(*section, name, "work_width", 1280, 0, 16384);
    if (!default_camera) return std::unexpected(default_camera.error());
    if (!frames) return std::unexpected(frames.error());
    if (!skip) return std::unexpected(skip.error());
    if (!max_symbols) return std::unexpected(max_symbols.error());
    if (!inverted) return std::unexpected(inverted.error());
    if (!rotated) return std::unexpected(rotated.error());
    if (!work_width) return std::unexpected(work_width.error());
    result.default_camera = *default_camera;
    result.still.frames = *frames;
    result.still.skip_frames = *skip;
    result.decoder.max_symbols = *max_symbols;
    result.decoder.try_inverted = *inverted;
    result.decoder.try_rotated = *rotated;
    result.decoder.work_width = *work_width;
    if (const toml::node* formats = section->get("formats")) {
        const toml::array* list = formats->as_array();
        if (!list)
            return invalid("[cameras] formats must be a list, like [\"code128\", \"qrcode\"]");
        std::vector<std::string> names;
        for (const auto& item : *list) {
            auto text = item.value<std::string>();
            if (!text) return invalid("[cameras] formats must be a list of names");
            names.push_back(*text);
        }
        auto parsed = devices::parse_barcode_formats(names);
        if (!parsed) return invalid("[cameras] formats: " + parsed.error().message);
        result.decoder.formats = *parsed;
    }
    if (const toml::node* quality = section->get("quality")) {
        const toml::table* table = quality->as_table();
        if (!table) return invalid("[cameras] quality must be a table: write [cameras.quality]");
        if (auto parsed = parse_quality(*table, result.still.thresholds); !parsed)
            return std::unexpected(parsed.error());
    }
    if (const toml::node* devices = section->get("device")) {
        const toml::array* rows = devices->as_array();
        if (!rows) return invalid("[cameras] device must be a list: write [[cameras.device]]");
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const toml::table* row = (*rows)[i].as_table();
            if (!row) return invalid("[[cameras.device]] entries must be tables");
            auto camera = parse_camera(*row, i);
            if (!camera) return std::unexpected(camera.error());
            for (const auto& other : result.cameras)
                if (other.name == camera->name)
                    return invalid(
                        fmt::format("[[cameras.device]] name \"{}\" is used twice", camera->name));
            result.cameras.push_back(std::move(*camera));
        }
    }
    if (!result.default_camera.empty() && !result.find(result.default_camera))
        return invalid(fmt::format("[cameras] default = \"{}\" names no [[cameras.device]]",
                                   result.default_camera));
    return result;
}

Result<PhotosConfig> parse_photos_config(const StationConfig& config,
                                         const std::string& store_path) {
    PhotosConfig result;
    std::filesystem::path store(store_path);
    // Beside a store file; for a store in PostgreSQL, in the working directory (a server's
    // state directory under systemd).
    bool beside = store.has_parent_path() && !store::Database::is_server_url(store_path);
    result.dir = (beside ? store.parent_path() / "photos" : "photos").string();
    const toml::table* section = config.document["photos"].as_table();
    if (!section) return result;
    if (auto checked =
            check_known_keys(*section, "photos", {"dir", "jpeg_quality", "thumbnail_width"});
        !checked)
        return std::unexpected(checked.error());
    auto dir = config_string(*section, "photos", "dir", result.dir);
    auto quality = config_int_in(*section, "photos", "jpeg_quality", 90, 1, 100);
    auto thumbnail = config_int_in(*section, "photos", "thumbnail_width", 320, 16, 4096);
    if (!dir) return std::unexpected(dir.error());
    if (!quality) return std::unexpected(quality.error());
    if (!thumbnail) return std::unexpected(thumbnail.error());
    if (dir->empty()) return invalid("[photos] dir must not be empty");
    result.dir = *dir;
    result.jpeg_quality = *quality;
    result.thumbnail_width = *thumbnail;
    return result;
}

}  // namespace rs::station
